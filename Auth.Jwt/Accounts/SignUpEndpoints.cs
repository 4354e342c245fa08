using System.Text.Json;
using Auth.Jwt.Http;

namespace Auth.Jwt.Accounts;

public static class SignUpEndpoints
{
    private static readonly string[] OtherMethods = ["GET", "HEAD", "PUT", "PATCH", "DELETE"];

    public static void MapSignUp(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign_up/", SignUpAsync).AllowAnonymous().WithName("SignUp");

        // DRF authenticates before it dispatches, so another method is 401 without a token and 405 with one.
        app.MapMethods("/sign_up/", OtherMethods, (HttpContext context) =>
        {
            context.Response.Headers.Allow = "POST, OPTIONS";
            return Drf.Detail(StatusCodes.Status405MethodNotAllowed, Drf.Messages.MethodNotAllowed(context.Request.Method));
        }).ExcludeFromDescription();
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, SignUpService signUp, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var kind = RequestBody.KindOf(request);
        if (kind == BodyKind.Unsupported)
        {
            return Drf.Detail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{request.ContentType}\" in request.");
        }

        var body = await RequestBody.ReadBoundedAsync(request, cancellationToken);
        if (body is null)
        {
            return Drf.Detail(StatusCodes.Status413PayloadTooLarge, "Request body too large.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Drf.Detail(StatusCodes.Status400BadRequest, kind == BodyKind.Json
                ? "JSON parse error - the body is not valid UTF-8."
                : "Form parse error - the body is not valid UTF-8.");
        }

        Field username, password;
        switch (kind)
        {
            case BodyKind.Json:
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(body, RequestBody.JsonOptions);
                }
                catch (JsonException e)
                {
                    return Drf.Detail(StatusCodes.Status400BadRequest, $"JSON parse error - {e.Message}");
                }

                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        return Drf.NonFieldError($"Invalid data. Expected a dictionary, but got {PythonTypeName(root)}.");
                    }

                    username = Field.FromJsonObject(root, "username");
                    password = Field.FromJsonObject(root, "password");
                }

                break;
            case BodyKind.Form:
                var form = await RequestBody.ParseFormAsync(request, body, cancellationToken);
                username = Field.FromForm(form, "username");
                password = Field.FromForm(form, "password");
                break;
            default:
                username = password = new Field(FieldState.Missing);
                break;
        }

        return await signUp.SignUpAsync(username, password, cancellationToken) switch
        {
            SignUpResult.Created created => Results.Json(
                new Dictionary<string, string> { ["username"] = created.User.Username }, Drf.JsonOptions, statusCode: StatusCodes.Status201Created),
            SignUpResult.Invalid invalid => Drf.FieldErrors(invalid.Errors),
            _ => throw new InvalidOperationException("Unknown sign-up result."),
        };
    }

    // DRF names the type it got in Python's words.
    private static string PythonTypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
