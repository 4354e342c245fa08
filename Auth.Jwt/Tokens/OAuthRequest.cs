using Auth.Jwt.Http;
using Microsoft.Extensions.Primitives;

namespace Auth.Jwt.Tokens;

/// <summary>
/// The form of a request to an <c>/o/</c> endpoint: form-urlencoded only, each parameter at most once
/// (RFC 6749 3.2), the query string ignored.
/// </summary>
public sealed class OAuthRequest
{
    private OAuthRequest(Dictionary<string, StringValues> form) => Form = form;

    public IReadOnlyDictionary<string, StringValues> Form { get; }

    /// <summary>The parameter's value; null when absent or empty (oauthlib treats both as missing).</summary>
    public string? this[string name] => Form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public static async Task<(OAuthRequest? Request, OAuthError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (RequestBody.KindOf(request) != BodyKind.Form || request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            // DESIGN 3: exactly {"error": "invalid_request"}.
            return (null, OAuthError.InvalidRequest);
        }

        var body = await RequestBody.ReadBoundedAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, new OAuthError(StatusCodes.Status413PayloadTooLarge, "invalid_request", "Request body too large."));
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, OAuthError.InvalidRequest with { Description = "The body is not valid UTF-8." });
        }

        var form = await RequestBody.ParseFormAsync(request, body, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return (null, OAuthError.InvalidRequest with { Description = "The body is not valid form-urlencoded UTF-8." });
        }

        if (form.Values.Any(values => values.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return (null, OAuthError.InvalidRequest with { Description = "Null characters are not allowed." });
        }

        // RFC 6749 3.2: no parameter more than once (DOT takes the last); DESIGN 3: exactly {"error": "invalid_request"}.
        if (form.Values.Any(values => values.Count > 1))
        {
            return (null, OAuthError.InvalidRequest);
        }

        return (new OAuthRequest(form), null);
    }
}
