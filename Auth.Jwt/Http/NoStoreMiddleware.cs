namespace Auth.Jwt.Http;

/// <summary>RFC 6749 5.1 / RFC 7009 / RFC 7662: answers that may carry tokens or secrets are never cached.</summary>
public static class NoStoreMiddleware
{
    public static IApplicationBuilder UseNoStoreFor(this IApplicationBuilder app, PathString prefix) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
}
