using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Keys;

/// <summary>One RSA key of <c>keys/</c>, loaded once and kept for the life of the process.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly RSA _rsa;

    public SigningKey(RSA rsa, string filePath)
    {
        _rsa = rsa;
        FilePath = filePath;
        Kid = JwkThumbprint.Of(rsa.ExportParameters(includePrivateParameters: false));
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = Kid };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
    }

    public string Kid { get; }

    public string FilePath { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    public RSAParameters PublicParameters => _rsa.ExportParameters(includePrivateParameters: false);

    public void Dispose() => _rsa.Dispose();
}
