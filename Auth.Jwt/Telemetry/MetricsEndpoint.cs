using Microsoft.Extensions.Options;

using OpenTelemetry.Metrics;

namespace Auth.Jwt.Telemetry;

public sealed class MetricsOptions
{
    public const string Section = "AuthJwt:Metrics";

    /// <summary>Serve <c>/metrics</c> to other hosts too (a scraper on another machine, behind a firewall).</summary>
    public bool AllowRemote { get; set; }
}

public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Hides <c>/metrics</c> (404) from anything but loopback, unless configured otherwise.</summary>
    public static IApplicationBuilder UseMetricsFromLoopbackOnly(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
                && !context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowRemote
                && !(context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

    /// <summary>The <c>Auth.Jwt</c> meter and ASP.NET Core's own, through OpenTelemetry's Prometheus exporter.</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AuthMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    public static void MapPrometheusMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().WithDisplayName("Metrics");
}
