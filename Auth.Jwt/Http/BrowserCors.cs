using Microsoft.Extensions.Options;

namespace Auth.Jwt.Http;

public sealed class CorsOptions
{
    public const string Section = "AuthJwt:Cors";

    /// <summary>Origins allowed to call the API from a browser, space-separated (<c>https://app.example.com</c>). Empty: CORS off.</summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// CORS for browser clients, off unless origins are configured. Tokens travel in the Authorization
/// header, never cookies, so credentials are not allowed.
/// </summary>
public static class BrowserCors
{
    public static IServiceCollection AddBrowserCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section));
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsOptions>>((cors, ours) =>
            {
                if (ours.Value.Origins.Count == 0)
                {
                    return;
                }

                cors.AddDefaultPolicy(policy => policy
                    .WithOrigins([.. ours.Value.Origins])
                    .WithMethods("GET", "POST", "PATCH", "DELETE")
                    .WithHeaders("Authorization", "Content-Type")
                    .WithExposedHeaders("Retry-After", "WWW-Authenticate")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            });
        return services;
    }
}
