using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Jwt.Keys;

/// <summary>RFC 7638: the base64url SHA-256 of the key's canonical JWK, used as its <c>kid</c>.</summary>
public static class JwkThumbprint
{
    public static string Of(RSAParameters key) => Of(WebEncoders.Base64UrlEncode(key.Exponent!), WebEncoders.Base64UrlEncode(key.Modulus!));

    /// <summary>Members in lexicographic order, no whitespace (RFC 7638 section 3.3).</summary>
    public static string Of(string e, string n) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""")));
}
