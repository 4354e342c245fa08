using System.Collections.Concurrent;
using Auth.Jwt.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

/// <summary>A revoked family id (<c>sid</c>) or access-token id (<c>jti</c>), kept until the last token it covers has expired.</summary>
public sealed class Revocation
{
    /// <summary><c>sid:FAMILY</c> or <c>jti:ID</c>.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// The denylist of DESIGN.md 4: persisted, so a restart remembers it, and mirrored in memory,
/// so checking a token costs no database read. Entries leave once nothing they cover can be valid.
/// </summary>
public sealed class RevocationList
{
    private readonly ILiteCollection<Revocation> _stored;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked;
    private readonly TimeProvider _time;
    private readonly TimeSpan _familyWindow;
    private readonly TimeSpan _skew;

    public RevocationList(AuthDatabase database, IOptions<TokenOptions> options, TimeProvider time)
    {
        _stored = database.Collection<Revocation>("revocations");
        _stored.EnsureIndex(r => r.ExpiresAt);
        _time = time;
        // A family's newest access token may have been issued a moment ago.
        _familyWindow = options.Value.AccessTokenLifetime + options.Value.ClockSkew;
        _skew = options.Value.ClockSkew;
        _revoked = new ConcurrentDictionary<string, DateTimeOffset>(
            _stored.FindAll().Select(r => KeyValuePair.Create(r.Id, r.ExpiresAt)), StringComparer.Ordinal);
    }

    public int Count => _revoked.Count;

    /// <summary>Every access token issued under these families dies here at once.</summary>
    public void RevokeFamilies(IEnumerable<string> familyIds)
    {
        var expiresAt = _time.GetUtcNow() + _familyWindow;
        foreach (var familyId in familyIds)
        {
            Add("sid:" + familyId, expiresAt);
        }
    }

    public void RevokeAccessToken(string jti, DateTimeOffset tokenExpiresAt) => Add("jti:" + jti, tokenExpiresAt + _skew);

    public bool IsRevoked(string? familyId, string? jti) =>
        (familyId is not null && _revoked.ContainsKey("sid:" + familyId))
        || (jti is not null && _revoked.ContainsKey("jti:" + jti));

    /// <summary>Drops entries whose tokens have all expired, from memory and disk.</summary>
    public int Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiresAt <= now)
            {
                _revoked.TryRemove(id, out _);
            }
        }

        return _stored.DeleteMany(r => r.ExpiresAt <= now);
    }

    private void Add(string id, DateTimeOffset expiresAt)
    {
        _stored.Upsert(new Revocation { Id = id, ExpiresAt = expiresAt });
        _revoked[id] = expiresAt;
    }
}
