using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Auth.Jwt.Http;

public enum BodyKind
{
    Empty,
    Json,
    Form,
    Unsupported,
}

/// <summary>
/// Reads request bodies with a hard size bound, whatever the server in front
/// (Kestrel's own limit does not exist under a test host or a proxy that chunks).
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static BodyKind KindOf(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return BodyKind.Empty;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return BodyKind.Unsupported;
        }

        return mediaType.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => BodyKind.Json,
            "application/x-www-form-urlencoded" or "multipart/form-data" => BodyKind.Form,
            _ => BodyKind.Unsupported,
        };
    }

    /// <summary>The whole body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Form fields with every value kept, so callers can refuse repeated parameters; null when a
    /// percent-encoded value is not UTF-8 (decoders elsewhere would silently turn it into U+FFFD).
    /// </summary>
    public static async Task<Dictionary<string, StringValues>?> ParseFormAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            request.Body = new MemoryStream(body);
            try
            {
                var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                return form.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or BadHttpRequestException)
            {
                // No boundary, a broken part, too many parts: a bad body, not a server error.
                return null;
            }
        }

        return FormUrlEncoded.Parse(body);
    }

    public static JsonDocumentOptions JsonOptions { get; } = new() { MaxDepth = 32 };
}
