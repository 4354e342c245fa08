using System.Security.Cryptography;
using System.Text;

namespace Auth.Jwt.Tokens;

/// <summary>
/// AES-GCM under a key derived from the predecessor token. Lets the grace rule hand back the
/// same successor without storing any refresh token in the clear.
/// </summary>
public static class SuccessorSeal
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static string Seal(string successor, string predecessor)
    {
        var plaintext = Encoding.UTF8.GetBytes(successor);
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFrom(predecessor), TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Convert.ToBase64String(sealedBytes);
    }

    public static string? Open(string sealedText, string predecessor)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(KeyFrom(predecessor), TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] KeyFrom(string predecessor) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(predecessor), 32, info: "auth-jwt refresh successor"u8.ToArray());
}
