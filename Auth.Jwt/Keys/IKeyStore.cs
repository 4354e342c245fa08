namespace Auth.Jwt.Keys;

/// <summary>One signing key as a store lists it: its id and its schedule (the private key is read apart).</summary>
public sealed record KeyEntry(string Kid, KeyMetadata Metadata);

/// <summary>
/// Where the signing keys live: the <c>keys/</c> folder beside an embedded database, or the shared
/// database itself (encrypted) when several instances run. Reads and writes only; the schedule's rules
/// are in <see cref="KeyRotation"/> and <see cref="SigningKeys"/>.
/// </summary>
public interface IKeyStore
{
    /// <summary>Where the keys are, for messages.</summary>
    string Location { get; }

    /// <summary>False when the location itself is gone (the keys folder deleted): <see cref="List"/> then finds nothing.</summary>
    bool Exists { get; }

    /// <summary>Every key, ordered by kid.</summary>
    IReadOnlyList<KeyEntry> List();

    /// <summary>The key's PKCS#8 PEM; a <see cref="StartupException"/> when it cannot be read or trusted.</summary>
    string ReadPrivateKeyPem(string kid);

    void Add(string kid, string privateKeyPem, KeyMetadata metadata);

    /// <summary>Adds the key only if the store holds none: of instances starting together on empty storage, one key results.</summary>
    bool AddIfEmpty(string kid, string privateKeyPem, KeyMetadata metadata);

    void WriteMetadata(string kid, KeyMetadata metadata);

    void Delete(string kid);

    /// <summary>Calls <paramref name="changed"/> when the keys may have changed; null when only a periodic re-read sees changes.</summary>
    IDisposable? Watch(Action changed);
}

/// <summary>A new RSA key and its id (the RFC 7638 thumbprint).</summary>
public static class KeyMaterial
{
    public static (string Kid, string Pem) Generate(int keySize)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(keySize);
        return (JwkThumbprint.Of(rsa.ExportParameters(includePrivateParameters: false)), rsa.ExportPkcs8PrivateKeyPem());
    }
}
