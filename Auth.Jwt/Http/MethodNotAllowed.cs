using System.Collections.Concurrent;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Http;

/// <summary>
/// A method a path lacks gets 405 with <c>Allow</c> before any authentication, on every endpoint
/// (DESIGN.md 6); an OPTIONS request nobody mapped gets 200 with <c>Allow</c>, as Django answers it.
/// Routing's own 405 endpoint would otherwise fall under the fallback policy and answer 401.
/// </summary>
public static class MethodNotAllowed
{
    // The display name ASP.NET Core's HttpMethodMatcherPolicy gives the endpoint it selects for a method mismatch.
    private const string RoutingMethodMismatch = "405 HTTP Method Not Supported";
    private static readonly string[] DrfOrder = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static IApplicationBuilder UseMethodNotAllowedBeforeAuthentication(this IApplicationBuilder app)
    {
        var allowByPath = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.DisplayName != RoutingMethodMismatch)
            {
                await next(context);
                return;
            }

            var allow = allowByPath.GetOrAdd(context.Request.Path.Value!.TrimEnd('/'), _ => AllowFor(context));
            context.Response.Headers.Allow = allow;
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            var message = Drf.Messages.MethodNotAllowed(context.Request.Method);
            var result = context.Request.Path.StartsWithSegments("/o", StringComparison.Ordinal)
                ? new OAuthError(StatusCodes.Status405MethodNotAllowed, "invalid_request", message).ToResult(context)
                : Drf.Detail(StatusCodes.Status405MethodNotAllowed, message);
            await result.ExecuteAsync(context);
        });
    }

    /// <summary>The methods mapped on this path, in DRF's order, with OPTIONS.</summary>
    private static string AllowFor(HttpContext context)
    {
        var path = context.Request.Path.Value!.Trim('/');
        var methods = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => string.Equals(e.RoutePattern.RawText?.Trim('/'), path, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Append("OPTIONS")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return string.Join(", ", DrfOrder.Where(methods.Contains));
    }
}
