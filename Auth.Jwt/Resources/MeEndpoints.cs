using Auth.Jwt.Accounts;
using Auth.Jwt.Http;

namespace Auth.Jwt.Resources;

/// <summary><c>/users/me/</c>: the signed-in user, behind a Bearer token with DOT's read/write scopes.</summary>
public static class MeEndpoints
{
    public const string Path = "/users/me/";
    private const string Allow = "GET, PATCH, DELETE, HEAD, OPTIONS";
    private static readonly string[] PasswordFields = ["password", "new_password"];
    private static readonly string[] DeleteFields = ["password"];

    public static void MapMe(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup(Path).RequireAuthorization(ReadWriteScopeRequirement.Policy);
        me.MapMethods("", ["GET", "HEAD"], Get).WithName("GetMe")
            .WithSummary("The signed-in user (scope read).")
            .Produces<MeResponse>()
            .ProducesRfc6750Errors();
        me.MapPatch("", PatchAsync).WithName("ChangePassword")
            .WithSummary("Change the password (scope write); every session of the user ends.")
            .AcceptsBody<ChangePasswordRequest>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<MeResponse>()
            .Produces<Dictionary<string, string[]>>(StatusCodes.Status400BadRequest)
            .ProducesRfc6750Errors();
        me.MapDelete("", DeleteAsync).WithName("DeleteMe")
            .WithSummary("Delete the account (scope write) and its sessions.")
            .AcceptsBody<DeleteMeRequest>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<Dictionary<string, string[]>>(StatusCodes.Status400BadRequest)
            .ProducesRfc6750Errors();
        me.MapMethods("", ["OPTIONS"], (HttpContext context) =>
        {
            context.Response.Headers.Allow = Allow;
            return Results.Json(new Dictionary<string, object> { ["name"] = "Me", ["renders"] = new[] { "application/json" } }, Drf.JsonOptions);
        }).ExcludeFromDescription();
    }

    /// <summary>RFC 6750 answers: 401 (no or bad token) and 403 (missing scope), DRF bodies.</summary>
    private static RouteHandlerBuilder ProducesRfc6750Errors(this RouteHandlerBuilder builder) =>
        builder.Produces<DetailResponse>(StatusCodes.Status401Unauthorized).Produces<DetailResponse>(StatusCodes.Status403Forbidden);

    private static IResult Get(HttpContext context, IUserStore users) =>
        CurrentUser(context, users) is { } user ? Results.Json(UserJson.Describe(user), Drf.JsonOptions) : TokenOfNoUser(context);

    private static async Task<IResult> PatchAsync(HttpContext context, IUserStore users, MeService me, CancellationToken cancellationToken)
    {
        if (CurrentUser(context, users) is not { } user)
        {
            return TokenOfNoUser(context);
        }

        var (fields, error) = await DrfBody.ReadAsync(context.Request, PasswordFields, cancellationToken);
        if (fields is null)
        {
            return error!;
        }

        var errors = await me.ChangePasswordAsync(user, fields["password"], fields["new_password"], context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return errors is null ? Results.Json(UserJson.Describe(user), Drf.JsonOptions) : Drf.FieldErrors(errors);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IUserStore users, MeService me, CancellationToken cancellationToken)
    {
        if (CurrentUser(context, users) is not { } user)
        {
            return TokenOfNoUser(context);
        }

        var (fields, error) = await DrfBody.ReadAsync(context.Request, DeleteFields, cancellationToken);
        if (fields is null)
        {
            return error!;
        }

        var errors = await me.DeleteAsync(user, fields["password"], context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return errors is null ? Results.NoContent() : Drf.FieldErrors(errors);
    }

    private static User? CurrentUser(HttpContext context, IUserStore users) =>
        context.User.FindFirst("sub")?.Value is { } id ? users.FindById(id) : null;

    /// <summary>A valid token whose user is gone (deleted from another session): the token is no longer good.</summary>
    private static IResult TokenOfNoUser(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{BearerAuthentication.Realm}\",error=\"invalid_token\",error_description=\"The access token is invalid.\"";
        return Drf.Detail(StatusCodes.Status401Unauthorized, Drf.Messages.NotAuthenticated);
    }
}
