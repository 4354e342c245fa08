namespace Auth.Jwt.Storage;

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapMethods("/healthz", ["GET", "HEAD"], (AuthDatabase database) =>
        {
            // Touches the engine: a closed or broken file throws here and becomes a 503.
            try
            {
                _ = database.Database.CollectionExists("users");
                return Results.Json(new Dictionary<string, string> { ["status"] = "ok" });
            }
            catch (Exception e) when (e is LiteDB.LiteException or ObjectDisposedException or IOException)
            {
                return Results.Json(new Dictionary<string, string> { ["status"] = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().WithName("Health")
            .WithSummary("200 while the database is open.")
            .Produces<Http.HealthResponse>()
            .Produces<Http.HealthResponse>(StatusCodes.Status503ServiceUnavailable);
}
