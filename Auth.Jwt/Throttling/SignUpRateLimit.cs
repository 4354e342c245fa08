using System.Globalization;
using System.Threading.RateLimiting;
using Auth.Jwt.Http;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Throttling;

/// <summary>Sign-ups per client IP, with ASP.NET Core's rate limiter; DRF's throttled answer past it.</summary>
public static class SignUpRateLimit
{
    public const string Policy = "sign-up";

    public static IServiceCollection AddSignUpRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                await Drf.Detail(StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {wait} seconds.").ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ThrottlingOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.SignUpsPerIp,
                        Window = TimeSpan.FromSeconds(options.SignUpWindowSeconds),
                        QueueLimit = 0,
                    });
            });
        });
}
