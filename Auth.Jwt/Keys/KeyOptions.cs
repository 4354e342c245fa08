using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Keys;

public sealed class KeyOptions
{
    public const string Section = "AuthJwt:Keys";

    /// <summary>The folder of PKCS#8 PEM signing keys; relative paths are under the working directory.</summary>
    [Required]
    public string Path { get; set; } = "keys";

    /// <summary>RSA size of generated keys. 2048 signs in about 0.5 ms here and is acceptable through 2030.</summary>
    [AllowedValues(2048, 3072, 4096)]
    public int KeySize { get; set; } = 2048;

    /// <summary><c>Cache-Control: max-age</c> of the JWKS: how long other services may cache our keys.</summary>
    [Range(0, 7 * 24 * 3600)]
    public int JwksMaxAgeSeconds { get; set; } = 3600;

    /// <summary>
    /// How long a rotated-in key is published before it signs, so caches of the JWKS have it first.
    /// Empty: the JWKS max-age.
    /// </summary>
    [Range(0, 30 * 24 * 3600)]
    public int? ActivationDelaySeconds { get; set; }

    /// <summary>How often the folder is re-read besides file-change notifications (which some file systems lack).</summary>
    [Range(1, 3600)]
    public int RescanSeconds { get; set; } = 30;

    /// <summary>With keys in the database (the postgres provider): the AES-256 key that seals them, base64. Never logged.</summary>
    public string? EncryptionKey { get; set; }

    public TimeSpan ActivationDelay => TimeSpan.FromSeconds(ActivationDelaySeconds ?? JwksMaxAgeSeconds);
}

[OptionsValidator]
public sealed partial class KeyOptionsValidator : IValidateOptions<KeyOptions>;
