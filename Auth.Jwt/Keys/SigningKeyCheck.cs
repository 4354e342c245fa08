using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.Jwt.Keys;

/// <summary>Readiness of signing: some key's schedule lets it sign now.</summary>
public sealed class SigningKeyCheck(SigningKeys keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.Active is not null
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"no key in {keys.Location} may sign now; run 'keys rotate --now'"));
}
