using Auth.Jwt.Keys;
using Auth.Jwt.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.Jwt.Telemetry;

/// <summary>
/// <c>/healthz</c>, liveness: the process runs and its database is open (restart it if not).
/// <c>/readyz</c>, readiness: this instance can take traffic now, its database accepts writes and a key may
/// sign (a load balancer sends requests elsewhere while not). Both anonymous, JSON, never cached.
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        // Health checks resolve a registered check rather than creating one per probe.
        services.AddSingleton<StorageWritableCheck>();
        services.AddHealthChecks()
            .AddCheck<StorageWritableCheck>("storage", tags: [ReadyTag])
            .AddCheck<SigningKeyCheck>("signing_key", tags: [ReadyTag]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/healthz", ["GET", "HEAD"], (IStorage storage) => storage.IsAvailable()
                ? Results.Json(new Http.HealthResponse("ok"))
                : Results.Json(new Http.HealthResponse("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().WithName("Health")
            .WithSummary("Liveness: 200 while the database is open.")
            .Produces<Http.HealthResponse>()
            .Produces<Http.HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        app.MapMethods("/readyz", ["GET", "HEAD"], async (HealthCheckService checks, HttpContext context) =>
            {
                var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), context.RequestAborted);
                if (report.Status == HealthStatus.Healthy)
                {
                    return Results.Json(new Http.ReadinessResponse("ready", null));
                }

                var reasons = report.Entries
                    .Where(entry => entry.Value.Status != HealthStatus.Healthy)
                    .ToDictionary(entry => entry.Key, entry => entry.Value.Description ?? "unavailable", StringComparer.Ordinal);
                context.Response.Headers.RetryAfter = StorageUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new Http.ReadinessResponse("unavailable", reasons), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().WithName("Readiness")
            .WithSummary("Readiness: 200 while the database accepts writes and a key may sign; 503 with the reasons otherwise.")
            .Produces<Http.ReadinessResponse>()
            .Produces<Http.ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
    }
}
