namespace Auth.Jwt.Storage;

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapMethods("/healthz", ["GET", "HEAD"], (IStorage storage) => storage.IsAvailable()
                ? Results.Json(new Dictionary<string, string> { ["status"] = "ok" })
                : Results.Json(new Dictionary<string, string> { ["status"] = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().WithName("Health")
            .WithSummary("200 while the database is open.")
            .Produces<Http.HealthResponse>()
            .Produces<Http.HealthResponse>(StatusCodes.Status503ServiceUnavailable);
}
