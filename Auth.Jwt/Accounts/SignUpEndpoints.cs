using Auth.Jwt.Http;

namespace Auth.Jwt.Accounts;

public static class SignUpEndpoints
{
    private static readonly string[] OtherMethods = ["GET", "HEAD", "PUT", "PATCH", "DELETE"];
    private static readonly string[] FieldNames = ["username", "password"];

    public static void MapSignUp(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign_up/", SignUpAsync).AllowAnonymous().WithName("SignUp")
            .RequireRateLimiting(Throttling.SignUpRateLimit.Policy)
            .WithSummary("Create a user (DRF field errors on 400).")
            .AcceptsBody<SignUpRequest>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<SignUpResponse>(StatusCodes.Status201Created)
            .Produces<Dictionary<string, string[]>>(StatusCodes.Status400BadRequest)
            .Produces<DetailResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<DetailResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<DetailResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<DetailResponse>(StatusCodes.Status503ServiceUnavailable);

        // DRF authenticates before it dispatches, so another method is 401 without a token and 405 with one.
        app.MapMethods("/sign_up/", OtherMethods, (HttpContext context) =>
        {
            context.Response.Headers.Allow = "POST, OPTIONS";
            return Drf.Detail(StatusCodes.Status405MethodNotAllowed, Drf.Messages.MethodNotAllowed(context.Request.Method));
        }).ExcludeFromDescription();
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, SignUpService signUp, CancellationToken cancellationToken)
    {
        var (fields, error) = await DrfBody.ReadAsync(context.Request, FieldNames, cancellationToken);
        if (fields is null)
        {
            return error!;
        }

        return await signUp.SignUpAsync(fields["username"], fields["password"], cancellationToken) switch
        {
            SignUpResult.Created created => Results.Json(
                new Dictionary<string, string> { ["username"] = created.User.Username }, Drf.JsonOptions, statusCode: StatusCodes.Status201Created),
            SignUpResult.Invalid invalid => Drf.FieldErrors(invalid.Errors),
            _ => throw new InvalidOperationException("Unknown sign-up result."),
        };
    }
}
