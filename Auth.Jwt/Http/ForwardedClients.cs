using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Auth.Jwt.Http;

public sealed class ProxyOptions
{
    public const string Section = "AuthJwt:Proxy";

    /// <summary>Reverse proxies whose X-Forwarded-For is believed, space-separated; loopback always is.</summary>
    public string TrustedProxies { get; set; } = "";
}

/// <summary>
/// Behind a reverse proxy the socket's address is the proxy's. The client IP (per-IP throttling, the
/// loopback-only /metrics, audit logs) comes from X-Forwarded-For, believed only from a trusted proxy.
/// </summary>
public static class ForwardedClients
{
    public static IServiceCollection AddForwardedClients(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = (configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions()).TrustedProxies
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the last hop: a client cannot slip in an address of its choosing.
            options.ForwardLimit = 1;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
    }
}
