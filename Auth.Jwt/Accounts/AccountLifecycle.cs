using Auth.Jwt.Security;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Accounts;

/// <summary>
/// Changes that end every session of a user: a new password or a deleted account revokes every
/// refresh-token family, and puts the families on the denylist so their access tokens die here at once.
/// </summary>
public sealed class AccountLifecycle(UserStore users, Argon2PasswordHasher hasher, RefreshTokenStore refreshTokens, RevocationList revocations, AccountsLog log, Telemetry.AuthMetrics metrics)
{
    public async Task ChangePasswordAsync(User user, string newPassword, CancellationToken cancellationToken = default)
    {
        users.UpdatePasswordHash(user, await hasher.HashAsync(newPassword, cancellationToken).ConfigureAwait(false));
        var families = RevokeSessions(user.Id);
        log.PasswordChanged(user.Id, families);
    }

    public void Delete(User user)
    {
        users.Delete(user.Id);
        var families = RevokeSessions(user.Id);
        log.Deleted(user.Id, families);
    }

    /// <summary>Revokes every family of the user; returns how many.</summary>
    public int RevokeSessions(string userId)
    {
        var families = refreshTokens.RevokeUser(userId);
        revocations.RevokeFamilies(families);
        metrics.Revoked("user_sessions", families.Count);
        return families.Count;
    }
}
