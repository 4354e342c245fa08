using System.Text;
using Microsoft.Extensions.Primitives;

namespace Auth.Jwt.Http;

/// <summary>application/x-www-form-urlencoded with strict UTF-8: a bad byte refuses the body instead of becoming U+FFFD.</summary>
public static class FormUrlEncoded
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Dictionary<string, StringValues>? Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Callers check the raw body is UTF-8 first; a client may send non-ASCII unencoded.
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? "" : pair[(equals + 1)..]);
            if (name is null || value is null)
            {
                return null;
            }

            if (!fields.TryGetValue(name, out var values))
            {
                fields[name] = values = [];
            }

            values.Add(value);
        }

        return fields.ToDictionary(f => f.Key, f => new StringValues([.. f.Value]), StringComparer.Ordinal);
    }

    private static string? Decode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < encoded.Length && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]))
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < encoded.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded.Substring(i, 2)));
                i++;
            }
            else if (c > 0x7F)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        try
        {
            return Strict.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
