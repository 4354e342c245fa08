using System.Security.Cryptography;
using Auth.Jwt.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Keys;

/// <summary>
/// The keys of <c>keys/</c>, loaded once each and kept in memory: exactly one signs, every key that
/// may still have valid tokens validates. The folder is re-read when it changes (and every few seconds),
/// so a running server picks up <c>keys rotate</c> without a restart. The first start generates a key.
/// </summary>
public sealed partial class SigningKeys : IDisposable
{
    private readonly IKeyStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _tokenLifetime;
    private readonly ILogger _logger;
    private readonly Lock _reload = new();
    private readonly KeyOptions _options;
    private IReadOnlyList<LoadedKey> _keys = [];
    private bool _storeGone;
    private IDisposable? _watcher;
    private ITimer? _rescan;

    public SigningKeys(IKeyStore store, IOptions<KeyOptions> options, IOptions<TokenOptions> tokens, TimeProvider time, ILogger<SigningKeys> logger)
    {
        _options = options.Value;
        _store = store;
        _time = time;
        _tokenLifetime = tokens.Value.AccessTokenLifetime + tokens.Value.ClockSkew;
        _logger = logger;
    }

    public string Location => _store.Location;

    /// <summary>The key that signs now; null only if every key is pending or retired.</summary>
    public SigningKey? Active => KeySchedule.Signer(_keys, k => k.Metadata, _time.GetUtcNow())?.Key;

    /// <summary>The key to sign with now.</summary>
    public SigningKey Signer => Active ?? throw new InvalidOperationException($"No key in {_store.Location} may sign now; run 'keys rotate --now'.");

    /// <summary>Every key the JWKS publishes and validation trusts now.</summary>
    public IEnumerable<SigningKey> Published
    {
        get
        {
            var now = _time.GetUtcNow();
            return _keys.Where(k => !KeySchedule.IsExpired(k.Metadata, now, _tokenLifetime)).Select(k => k.Key);
        }
    }

    /// <summary>
    /// The validation key a token's <c>kid</c> names, if we publish it; an unknown or expired kid finds nothing.
    /// On every validated request: one pass over a handful of keys, no signer election.
    /// </summary>
    public SecurityKey? Find(string? kid)
    {
        if (kid is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        foreach (var key in Volatile.Read(ref _keys))
        {
            if (string.Equals(key.Key.Kid, kid, StringComparison.Ordinal))
            {
                return KeySchedule.IsExpired(key.Metadata, now, _tokenLifetime) ? null : key.Key.SecurityKey;
            }
        }

        return null;
    }

    /// <summary>
    /// The start step: loads every key (generating the first one), then watches the folder for keys added,
    /// rescheduled or removed by the command line or another server.
    /// </summary>
    public void Start()
    {
        if (_store.List().Count == 0)
        {
            var (kid, pem) = KeyMaterial.Generate(_options.KeySize);
            if (_store.AddIfEmpty(kid, pem, new KeyMetadata(_time.GetUtcNow(), DateTimeOffset.MinValue, null)))
            {
                KeyGenerated(kid, _store.Location);
            }
        }

        Volatile.Write(ref _keys, [.. _store.List().Select(entry => Load(entry, strict: true)!)]);
        if (Active is null)
        {
            throw new StartupException($"no key in {_store.Location} may sign now (all pending or retired); run 'keys rotate --now'.");
        }

        var rescanInterval = TimeSpan.FromSeconds(_options.RescanSeconds);
        _watcher = _store.Watch(Reload);
        // A poll of the file system, not a point in the keys' schedule: real time, whatever clock the schedule reads.
        _rescan = TimeProvider.System.CreateTimer(_ => Reload(), null, rescanInterval, rescanInterval);
    }

    /// <summary>Re-reads the folder; a key that cannot be loaded is skipped and logged, never fatal to a running server.</summary>
    public void Reload()
    {
        lock (_reload)
        {
            try
            {
                if (!_store.Exists)
                {
                    // Once, not at every rescan: the keys in memory keep signing until someone acts.
                    if (!_storeGone)
                    {
                        _storeGone = true;
                        StoreGone(_store.Location, Active?.Kid ?? "none");
                    }

                    return;
                }

                if (_storeGone)
                {
                    _storeGone = false;
                    StoreBack(_store.Location);
                }

                var byKid = _keys.ToDictionary(k => k.Key.Kid, StringComparer.Ordinal);
                var fresh = new List<LoadedKey>();
                foreach (var file in _store.List())
                {
                    var loaded = byKid.TryGetValue(file.Kid, out var known) ? known with { Metadata = Schedule(file, known) } : Load(file, strict: false);
                    if (loaded is not null)
                    {
                        fresh.Add(loaded);
                    }
                }

                if (KeySchedule.Signer(fresh, k => k.Metadata, _time.GetUtcNow()) is null)
                {
                    ReloadRefused(_store.Location);
                    return;
                }

                var before = Active?.Kid;
                Volatile.Write(ref _keys, fresh);
                if (Active?.Kid != before)
                {
                    SignerChanged(Active!.Kid);
                }
            }
            catch (Exception e) when (e is IOException or StartupException or UnauthorizedAccessException)
            {
                ReloadFailed(e, _store.Location);
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _rescan?.Dispose();
    }

    private LoadedKey? Load(KeyEntry file, bool strict)
    {
        try
        {
            var pem = _store.ReadPrivateKeyPem(file.Kid);
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                rsa.Dispose();
                throw new StartupException($"key {file.Kid} in {_store.Location} is not a PEM RSA private key ({e.Message}).");
            }

            var key = new SigningKey(rsa, _store.Location);
            KeyLoaded(key.Kid, _store.Location);
            return new LoadedKey(key, file.Metadata);
        }
        catch (StartupException e) when (!strict)
        {
            KeySkipped(e.Message);
            return null;
        }
    }

    private sealed record LoadedKey(SigningKey Key, KeyMetadata Metadata);

    // A folder being deleted loses a key's schedule file before its PEM: that does not make a pending
    // key "active since always" (a PEM without a schedule), even for the moment before the PEM goes too.
    private static KeyMetadata Schedule(KeyEntry file, LoadedKey known) =>
        file.Metadata.ActivatesAt == DateTimeOffset.MinValue && known.Metadata.ActivatesAt != DateTimeOffset.MinValue ? known.Metadata : file.Metadata;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loaded signing key {Kid} from {Path}")]
    private partial void KeyLoaded(string kid, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "No signing key found; generated {Kid} at {Path}")]
    private partial void KeyGenerated(string kid, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Signing key is now {Kid}")]
    private partial void SignerChanged(string kid);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Key skipped: {Reason}")]
    private partial void KeySkipped(string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Keys in {Folder} left unchanged: no key there may sign now")]
    private partial void ReloadRefused(string folder);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "The keys folder {Folder} is gone; still signing with {Kid} from memory. Restore it from a backup, or run 'keys rotate --now' to write a new key there")]
    private partial void StoreGone(string folder, string kid);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "The keys folder {Folder} is back")]
    private partial void StoreBack(string folder);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Reading keys from {Folder} failed; the keys in memory stay")]
    private partial void ReloadFailed(Exception exception, string folder);
}
