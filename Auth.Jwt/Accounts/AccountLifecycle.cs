using Auth.Jwt.Http;
using Auth.Jwt.Security;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Accounts;

/// <summary>
/// Changes that end every session of a user: a new password (which must pass the policy, whoever sets
/// it) or a deleted account revokes every refresh-token family and its access tokens here at once.
/// </summary>
public sealed class AccountLifecycle(IUserStore users, Argon2PasswordHasher hasher, SessionRevoker sessions, AccountsLog log, Telemetry.AuthMetrics metrics)
{
    /// <summary>The policy's messages when the password is refused; empty once it has changed and every session has ended.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(User user, string newPassword, CancellationToken cancellationToken = default)
    {
        if (PasswordProblems(user, newPassword) is { Count: > 0 } problems)
        {
            return problems;
        }

        var hash = await hasher.HashAsync(newPassword, cancellationToken).ConfigureAwait(false);
        // Compare-and-set over the hash last read: a rehash at login racing this change cannot undo it.
        for (var current = user.PasswordHash; !users.TryReplacePasswordHash(user.Id, current, hash);)
        {
            if (users.FindById(user.Id) is not { } stored)
            {
                return [];
            }

            current = stored.PasswordHash;
        }

        user.PasswordHash = hash;
        var families = RevokeSessions(user.Id);
        log.PasswordChanged(user.Id, families);
        return [];
    }

    /// <summary>What the policy says against <paramref name="newPassword"/> for this user; empty when it may be set.</summary>
    public IReadOnlyList<string> PasswordProblems(User user, string newPassword)
    {
        if (string.IsNullOrWhiteSpace(newPassword))
        {
            return [Drf.Messages.Blank];
        }

        var errors = new Dictionary<string, List<string>>();
        FieldRules.CheckNewPassword(newPassword, "password", user.Username, errors);
        return errors.TryGetValue("password", out var problems) ? problems : [];
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
        var families = sessions.RevokeUser(userId);
        metrics.Revoked("user_sessions", families);
        return families;
    }
}
