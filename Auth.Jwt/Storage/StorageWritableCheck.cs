using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.Jwt.Storage;

/// <summary>
/// Readiness of the database: one small write, at most once a second whatever the probe rate, so a
/// full disk, a read-only file system or a read-only standby shows before a user's write fails.
/// A singleton, so the last answer is shared by every probe.
/// </summary>
public sealed class StorageWritableCheck(IStorage storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _probing = new();
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_probing)
        {
            var now = time.GetUtcNow();
            if (_last is not { } last || now - last.At >= ProbeInterval || now < last.At)
            {
                _last = (now, Probe());
            }

            return Task.FromResult(_last.Value.Result);
        }
    }

    private HealthCheckResult Probe()
    {
        try
        {
            storage.ProbeWrite();
            return HealthCheckResult.Healthy();
        }
        catch (StorageUnavailableException e)
        {
            return HealthCheckResult.Unhealthy($"the database cannot be written: {e.Message}");
        }
    }
}
