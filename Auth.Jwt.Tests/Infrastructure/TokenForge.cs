using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Jwt.Keys;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>Builds hostile variants of a genuine access token, to prove each one is refused.</summary>
public sealed class TokenForge(AuthJwtApp app, string genuine)
{
    private readonly JsonWebToken _genuine = new(genuine);

    public JsonObject Header => JsonNode.Parse(Base64UrlDecode(genuine.Split('.')[0]))!.AsObject();

    public JsonObject Payload => JsonNode.Parse(Base64UrlDecode(genuine.Split('.')[1]))!.AsObject();

    /// <summary>Signed with our real signing key: only the edited header or payload can make it fail.</summary>
    public string SignedByUs(Action<JsonObject>? header = null, Action<JsonObject>? payload = null)
    {
        var key = app.Service<SigningKeys>().Signer;
        return Sign(header, payload, data => RsaOf(key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public string SignedBy(RSA rsa, Action<JsonObject>? header = null) =>
        Sign(header, null, data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>The classic confusion attack: HS256 keyed with our public key.</summary>
    public string HmacWithPublicKey()
    {
        var publicPem = Encoding.ASCII.GetBytes(RsaOf(app.Service<SigningKeys>().Signer).ExportSubjectPublicKeyInfoPem());
        return Sign(h => h["alg"] = "HS256", null, data => HMACSHA256.HashData(publicPem, data));
    }

    public string Unsigned()
    {
        var header = Header;
        header["alg"] = "none";
        return $"{Encode(header)}.{genuine.Split('.')[1]}.";
    }

    public string TamperedPayload()
    {
        var payload = Payload;
        payload["scope"] = "read write groups admin";
        var parts = genuine.Split('.');
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    public string StrippedSignature()
    {
        var parts = genuine.Split('.');
        return $"{parts[0]}.{parts[1]}.";
    }

    public string Kid => _genuine.Kid;

    private string Sign(Action<JsonObject>? editHeader, Action<JsonObject>? editPayload, Func<byte[], byte[]> sign)
    {
        var header = Header;
        editHeader?.Invoke(header);
        var payload = Payload;
        editPayload?.Invoke(payload);
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{WebEncoders.Base64UrlEncode(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    private static RSA RsaOf(SigningKey key) => key.SecurityKey.Rsa;

    private static string Encode(JsonObject json) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64UrlDecode(string text) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text));
}
