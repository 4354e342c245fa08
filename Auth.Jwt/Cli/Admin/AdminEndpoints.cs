namespace Auth.Jwt.Cli.Admin;

/// <summary>
/// The admin API, answered only on the server's Unix socket (mode 0600 in a 0700 folder: the file
/// permissions are its authentication). On TCP every <c>/admin</c> path is a plain 404.
/// </summary>
public static class AdminEndpoints
{
    public const string Prefix = "/admin";

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Prefix)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
                AdminSocket.IsAdminConnection(context.HttpContext) ? await next(context) : Http.Drf.Detail(StatusCodes.Status404NotFound, "Not found."));

        admin.MapPost("/apps", (HttpRequest http, AdminOperations ops, CancellationToken ct) => WithBody<AddAppRequest, AppCreated>(http, request => ops.AddAppAsync(request, ct)));
        admin.MapGet("/apps", (AdminOperations ops, CancellationToken ct) => Answer(ops.ListAppsAsync(ct)));
        admin.MapDelete("/apps/{clientId}", (string clientId, AdminOperations ops, CancellationToken ct) => Answer(ops.RemoveAppAsync(clientId, ct)));
        admin.MapPost("/apps/{clientId}/secret", (string clientId, AdminOperations ops, CancellationToken ct) => Answer(ops.RotateAppSecretAsync(clientId, ct)));

        admin.MapPost("/users", (HttpRequest http, AdminOperations ops, CancellationToken ct) => WithBody<AddUserRequest, UserSummary>(http, request => ops.AddUserAsync(request, ct)));
        admin.MapGet("/users", (AdminOperations ops, CancellationToken ct) => Answer(ops.ListUsersAsync(ct)));
        admin.MapDelete("/users/{username}", (string username, AdminOperations ops, CancellationToken ct) => Answer(ops.RemoveUserAsync(username, ct)));
        admin.MapPut("/users/{username}/password", (string username, HttpRequest http, AdminOperations ops, CancellationToken ct) => WithBody<SetPasswordRequest, Done>(http, request => ops.SetPasswordAsync(username, request, ct)));
        admin.MapDelete("/users/{username}/sessions", (string username, AdminOperations ops, CancellationToken ct) => Answer(ops.EndSessionsAsync(username, ct)));

        admin.MapGet("/keys", (AdminOperations ops, CancellationToken ct) => Answer(ops.ListKeysAsync(ct)));
        admin.MapPost("/keys", (bool? now, AdminOperations ops, CancellationToken ct) => Answer(ops.RotateKeyAsync(now ?? false, ct)));
        admin.MapPost("/keys/{kid}/retire", (string kid, AdminOperations ops, CancellationToken ct) => Answer(ops.RetireKeyAsync(kid, ct)));
        admin.MapDelete("/keys/{kid}", (string kid, bool? force, AdminOperations ops, CancellationToken ct) => Answer(ops.RemoveKeyAsync(kid, force ?? false, ct)));

        admin.MapPost("/backups", (HttpRequest http, AdminOperations ops, CancellationToken ct) => WithBody<BackupRequest, BackupWritten>(http, request => ops.BackupAsync(request, ct)));
    }

    // Bodies are read with the admin API's own JSON options, never the application-wide ones.
    private static async Task<IResult> WithBody<TRequest, TAnswer>(HttpRequest http, Func<TRequest, Task<AdminResult<TAnswer>>> operation)
        where TRequest : class
    {
        TRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<TRequest>(AdminJson.Options, http.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            request = null;
        }

        return request is null
            ? Refused(AdminFailure.Invalid($"the body is not a JSON {typeof(TRequest).Name}"))
            : await Answer(operation(request));
    }

    private static IResult Refused(AdminFailure failure) =>
        TypedResults.Json(new AdminError(failure.Error), AdminJson.Options, statusCode: failure.Status);

    private static async Task<IResult> Answer<T>(Task<AdminResult<T>> operation)
    {
        var result = await operation;
        return result.Failure is { } failure ? Refused(failure) : TypedResults.Json(result.Value, AdminJson.Options);
    }
}

/// <summary>The body of every refused admin request.</summary>
public sealed record AdminError(string Error);
