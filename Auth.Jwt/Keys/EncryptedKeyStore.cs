using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Keys;

/// <summary>A stored key whose private half is sealed: what a database holds of it.</summary>
public sealed record SealedKey(string Kid, byte[] Sealed, KeyMetadata Metadata);

/// <summary>Signing keys kept in a shared database, already sealed; no crypto here, only rows.</summary>
public interface ISealedKeyRecords
{
    string Location { get; }

    IReadOnlyList<SealedKey> List();

    void Add(SealedKey key);

    /// <summary>Adds the key only if there is none, atomically across every instance on the database.</summary>
    bool AddIfEmpty(SealedKey key);

    void WriteMetadata(string kid, KeyMetadata metadata);

    void Delete(string kid);
}

/// <summary>
/// Keys in the database, so instances on different machines share them without a shared folder:
/// each private key is sealed with AES-256-GCM under <c>AuthJwt:Keys:EncryptionKey</c> (the kid as
/// associated data, so a sealed key cannot be passed off under another kid). A copy of the database
/// without that configuration value holds no usable private key.
/// </summary>
public sealed class EncryptedKeyStore(ISealedKeyRecords records, IOptions<KeyOptions> options) : IKeyStore
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public string Location => records.Location;

    /// <summary>The table is created with the schema; an unreachable database fails the read instead.</summary>
    public bool Exists => true;

    public IReadOnlyList<KeyEntry> List() => [.. records.List().Select(k => new KeyEntry(k.Kid, k.Metadata)).OrderBy(k => k.Kid, StringComparer.Ordinal)];

    public string ReadPrivateKeyPem(string kid)
    {
        var key = records.List().FirstOrDefault(k => k.Kid == kid) ?? throw new StartupException($"no key {kid} in {Location}.");
        return Open(key);
    }

    public void Add(string kid, string privateKeyPem, KeyMetadata metadata) => records.Add(Seal(kid, privateKeyPem, metadata));

    public bool AddIfEmpty(string kid, string privateKeyPem, KeyMetadata metadata) => records.AddIfEmpty(Seal(kid, privateKeyPem, metadata));

    public void WriteMetadata(string kid, KeyMetadata metadata) => records.WriteMetadata(kid, metadata);

    public void Delete(string kid) => records.Delete(kid);

    public IDisposable? Watch(Action changed) => null;

    private SealedKey Seal(string kid, string pem, KeyMetadata metadata)
    {
        var plain = Encoding.UTF8.GetBytes(pem);
        var sealedKey = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedKey.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(EncryptionKey(), TagBytes);
        aes.Encrypt(nonce, plain, sealedKey.AsSpan(NonceBytes + TagBytes), sealedKey.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(kid));
        CryptographicOperations.ZeroMemory(plain);
        return new SealedKey(kid, sealedKey, metadata);
    }

    private string Open(SealedKey key)
    {
        if (key.Sealed.Length <= NonceBytes + TagBytes)
        {
            throw new StartupException($"key {key.Kid} in {Location} is not a sealed key.");
        }

        var plain = new byte[key.Sealed.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(EncryptionKey(), TagBytes);
            aes.Decrypt(key.Sealed.AsSpan(0, NonceBytes), key.Sealed.AsSpan(NonceBytes + TagBytes), key.Sealed.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(key.Kid));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new StartupException($"{KeyOptions.Section}:EncryptionKey does not open signing key {key.Kid} in {Location}: it is not the key the signing keys were sealed with.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private byte[] EncryptionKey()
    {
        const string help = "32 random bytes, base64 (for example: openssl rand -base64 32)";
        if (string.IsNullOrWhiteSpace(options.Value.EncryptionKey))
        {
            throw new StartupException($"{KeyOptions.Section}:EncryptionKey is required when the signing keys are in the database: {help}.");
        }

        try
        {
            var key = Convert.FromBase64String(options.Value.EncryptionKey);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new StartupException($"{KeyOptions.Section}:EncryptionKey must be {help}.");
        }
    }
}
