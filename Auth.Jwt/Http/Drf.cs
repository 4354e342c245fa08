using System.Text.Encodings.Web;
using System.Text.Json;

namespace Auth.Jwt.Http;

/// <summary>Django REST Framework's answer shapes, for sign-up and the resources.</summary>
public static class Drf
{
    public static IResult Detail(int status, string detail) =>
        Results.Json(new Dictionary<string, string> { ["detail"] = detail }, JsonOptions, statusCode: status);

    public static IResult FieldErrors(IReadOnlyDictionary<string, List<string>> errors) =>
        Results.Json(errors, JsonOptions, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NonFieldError(string message) =>
        FieldErrors(new Dictionary<string, List<string>> { ["non_field_errors"] = [message] });

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        // JSON for API clients, never embedded in HTML: keep "+" and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static class Messages
    {
        public const string Required = "This field is required.";
        public const string Blank = "This field may not be blank.";
        public const string Null = "This field may not be null.";
        public const string NotAString = "Not a valid string.";
        public const string NotAuthenticated = "Authentication credentials were not provided.";

        public static string MaxLength(int max) => $"Ensure this field has no more than {max} characters.";
        public static string MethodNotAllowed(string method) => $"Method \"{method}\" not allowed.";
    }
}
