using Auth.Jwt.Security;
using Auth.Jwt.Storage;
using LiteDB;

namespace Auth.Jwt.Tokens;

public abstract record Rotation
{
    /// <summary>Unknown, expired, revoked or another client's: <c>invalid_grant</c>, nothing changed.</summary>
    public sealed record Refused : Rotation;

    /// <summary>A rotated token came back outside the grace rule: its family is gone.</summary>
    public sealed record ReuseDetected(RefreshToken Presented) : Rotation;

    /// <summary>A new token replaced the presented one, or (grace) the same successor is handed back.</summary>
    public sealed record Rotated(RefreshToken Presented, RefreshToken Successor, string SuccessorToken, bool WasGrace) : Rotation;
}

/// <summary>The refresh_tokens collection: digests only, rotation under one lock and one transaction.</summary>
public sealed class RefreshTokenStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<RefreshToken> _tokens;
    private readonly Lock _rotation = new();

    public RefreshTokenStore(AuthDatabase database)
    {
        _database = database.Database;
        _tokens = database.Collection<RefreshToken>("refresh_tokens");
        _tokens.EnsureIndex(t => t.FamilyId);
        _tokens.EnsureIndex(t => t.UserId);
        _tokens.EnsureIndex(t => t.ExpiresAt);
    }

    /// <summary>Stores a new token of a new family and returns the token itself, which is never stored.</summary>
    public (RefreshToken Record, string Token) Create(string userId, string clientId, string scope, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Secrets.NewToken(32);
        var record = new RefreshToken
        {
            Id = Secrets.Digest(token),
            FamilyId = Secrets.NewToken(16),
            UserId = userId,
            ClientId = clientId,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now + lifetime,
        };
        _tokens.Insert(record);
        return (record, token);
    }

    public RefreshToken? Find(string token) => _tokens.FindById(Secrets.Digest(token));

    /// <summary>
    /// Rotates atomically: of concurrent calls with one token, exactly one rotates; the others
    /// get the grace answer or a refusal (DESIGN.md 3, RFC 9700 4.14).
    /// </summary>
    public Rotation Rotate(string presentedToken, string clientId, DateTimeOffset now, TimeSpan lifetime, TimeSpan grace)
    {
        var digest = Secrets.Digest(presentedToken);
        lock (_rotation)
        {
            var presented = _tokens.FindById(digest);
            if (presented is null || presented.ClientId != clientId || presented.ExpiresAt <= now)
            {
                return new Rotation.Refused();
            }

            if (presented.SuccessorDigest is not null)
            {
                return Replay(presented, presentedToken, now, grace);
            }

            var successorToken = Secrets.NewToken(32);
            var successor = new RefreshToken
            {
                Id = Secrets.Digest(successorToken),
                FamilyId = presented.FamilyId,
                UserId = presented.UserId,
                ClientId = presented.ClientId,
                // RFC 6749 6: the new refresh token keeps the scope of the one presented.
                Scope = presented.Scope,
                IssuedAt = now,
                ExpiresAt = now + lifetime,
            };
            presented.SuccessorDigest = successor.Id;
            presented.RotatedAt = now;
            presented.SealedSuccessor = SuccessorSeal.Seal(successorToken, presentedToken);

            _database.BeginTrans();
            try
            {
                _tokens.Insert(successor);
                _tokens.Update(presented);
                _database.Commit();
            }
            catch
            {
                _database.Rollback();
                throw;
            }

            return new Rotation.Rotated(presented, successor, successorToken, WasGrace: false);
        }
    }

    /// <summary>Deletes every token of the family in one operation, never in the middle of a rotation (which could add a successor after it).</summary>
    public int RevokeFamily(string familyId)
    {
        lock (_rotation)
        {
            return _tokens.DeleteMany(t => t.FamilyId == familyId);
        }
    }

    /// <summary>Deletes every token of the user; returns the families that were live.</summary>
    public IReadOnlyList<string> RevokeUser(string userId) => RevokeWhere(t => t.UserId == userId);

    /// <summary>Deletes every token of the client; returns the families that were live.</summary>
    public IReadOnlyList<string> RevokeClient(string clientId) => RevokeWhere(t => t.ClientId == clientId);

    private List<string> RevokeWhere(System.Linq.Expressions.Expression<Func<RefreshToken, bool>> predicate)
    {
        lock (_rotation)
        {
            var families = _tokens.Query().Where(predicate).Select(t => t.FamilyId).ToList().Distinct().ToList();
            _tokens.DeleteMany(predicate);
            return families;
        }
    }

    public int PruneExpired(DateTimeOffset now) => _tokens.DeleteMany(t => t.ExpiresAt <= now);

    private Rotation Replay(RefreshToken presented, string presentedToken, DateTimeOffset now, TimeSpan grace)
    {
        // Grace: only the immediate predecessor of the live token, only inside the window.
        var successor = _tokens.FindById(presented.SuccessorDigest);
        var withinGrace = grace > TimeSpan.Zero && now - presented.RotatedAt <= grace;
        if (withinGrace && successor is { SuccessorDigest: null } && successor.ExpiresAt > now
            && presented.SealedSuccessor is not null
            && SuccessorSeal.Open(presented.SealedSuccessor, presentedToken) is { } successorToken)
        {
            return new Rotation.Rotated(presented, successor, successorToken, WasGrace: true);
        }

        RevokeFamily(presented.FamilyId);
        return new Rotation.ReuseDetected(presented);
    }
}
