using System.Text.Json;
using Auth.Jwt.Accounts;

namespace Auth.Jwt.Http;

/// <summary>
/// Reads named fields from a JSON, form or multipart body as DRF's parsers do, with DRF's answers for
/// a body it cannot take: 415 for another media type, 413 past 64 KiB, 400 for bad JSON or a non-object.
/// </summary>
public static class DrfBody
{
    public static async Task<(IReadOnlyDictionary<string, Field>? Fields, IResult? Error)> ReadAsync(
        HttpRequest request, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var kind = RequestBody.KindOf(request);
        if (kind == BodyKind.Unsupported)
        {
            return (null, Drf.Detail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{request.ContentType}\" in request."));
        }

        var body = await RequestBody.ReadBoundedAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Drf.Detail(StatusCodes.Status413PayloadTooLarge, "Request body too large."));
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, Drf.Detail(StatusCodes.Status400BadRequest, kind == BodyKind.Json
                ? "JSON parse error - the body is not valid UTF-8."
                : "Form parse error - the body is not valid UTF-8."));
        }

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
                    return (null, Drf.Detail(StatusCodes.Status400BadRequest, $"JSON parse error - {e.Message}"));
                }

                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        return (null, Drf.NonFieldError($"Invalid data. Expected a dictionary, but got {PythonTypeName(root)}."));
                    }

                    return (names.ToDictionary(name => name, name => Field.FromJsonObject(root, name)), null);
                }

            case BodyKind.Form:
                var form = await RequestBody.ParseFormAsync(request, body, cancellationToken).ConfigureAwait(false);
                return form is null
                    ? (null, Drf.Detail(StatusCodes.Status400BadRequest, "Form parse error - the body is malformed or not valid UTF-8."))
                    : (names.ToDictionary(name => name, name => Field.FromForm(form, name)), null);
            default:
                return (names.ToDictionary(name => name, _ => new Field(FieldState.Missing)), null);
        }
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
