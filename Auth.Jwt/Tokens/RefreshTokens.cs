using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

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

/// <summary>
/// The refresh-token rules (DESIGN.md 3): every refresh rotates, reuse of a rotated token revokes its
/// family (RFC 9700 4.14), and only the immediate predecessor, replayed within the grace window, gets
/// the same successor back. Atomicity comes from the store's compare-and-set, not from a lock here.
/// </summary>
public sealed class RefreshTokens(IRefreshTokenStore store, SessionRevoker sessions, Denylist denylist, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <summary>A new family; returns the token itself, which is never stored.</summary>
    public (RefreshToken Record, string Token) StartFamily(string userId, string clientId, string scope)
    {
        var token = Secrets.NewToken(32);
        var now = time.GetUtcNow();
        var record = new RefreshToken
        {
            Id = Secrets.Digest(token),
            FamilyId = Secrets.NewToken(16),
            UserId = userId,
            ClientId = clientId,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        };
        store.Add(record);
        return (record, token);
    }

    public RefreshToken? Find(string token) => store.FindByDigest(Secrets.Digest(token));

    /// <summary>Of concurrent calls with one token, exactly one rotates; the others get the grace answer or a refusal.</summary>
    public Rotation Rotate(string presentedToken, string clientId)
    {
        var now = time.GetUtcNow();
        var digest = Secrets.Digest(presentedToken);
        var presented = store.FindByDigest(digest);
        if (presented is null || presented.ClientId != clientId || presented.ExpiresAt <= now || denylist.IsRevoked(presented.FamilyId, null))
        {
            return new Rotation.Refused();
        }

        if (presented.SuccessorDigest is null)
        {
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
                ExpiresAt = now + options.Value.RefreshTokenLifetime,
            };
            if (store.TryRotate(digest, successor, now, SuccessorSeal.Seal(successorToken, presentedToken)))
            {
                return new Rotation.Rotated(presented, successor, successorToken, WasGrace: false);
            }

            // Another request rotated it a moment ago (or revoked it): judge this one as a replay.
            presented = store.FindByDigest(digest);
            if (presented?.SuccessorDigest is null)
            {
                return new Rotation.Refused();
            }
        }

        return Replay(presented, presentedToken, now);
    }

    private Rotation Replay(RefreshToken presented, string presentedToken, DateTimeOffset now)
    {
        // Grace: only the immediate predecessor of the live token, only inside the window.
        var grace = options.Value.RefreshGrace;
        var successor = store.FindByDigest(presented.SuccessorDigest!);
        var withinGrace = grace > TimeSpan.Zero && now - presented.RotatedAt <= grace;
        if (withinGrace && successor is { SuccessorDigest: null } && successor.ExpiresAt > now
            && presented.SealedSuccessor is not null
            && SuccessorSeal.Open(presented.SealedSuccessor, presentedToken) is { } successorToken)
        {
            return new Rotation.Rotated(presented, successor, successorToken, WasGrace: true);
        }

        sessions.RevokeFamily(presented.FamilyId);
        return new Rotation.ReuseDetected(presented);
    }
}
