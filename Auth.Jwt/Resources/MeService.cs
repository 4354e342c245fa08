using Auth.Jwt.Accounts;
using Auth.Jwt.Security;

namespace Auth.Jwt.Resources;

/// <summary>The signed-in user's own account: change the password, delete the account (DESIGN.md 6).</summary>
public sealed class MeService(Argon2PasswordHasher hasher, AccountLifecycle lifecycle, Throttling.LoginThrottle throttle)
{
    public const string WrongPassword = "Invalid password.";

    /// <summary>Field errors, or null once the password has changed and every session of the user is revoked.</summary>
    /// <exception cref="Throttling.ThrottledException">Too many wrong current passwords: a stolen token must not become a password oracle.</exception>
    public async Task<Dictionary<string, List<string>>?> ChangePasswordAsync(User user, Field current, Field replacement, string? clientIp, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var currentPassword = FieldRules.RequireText(current, "password", trim: false, errors);
        var newPassword = FieldRules.RequireText(replacement, "new_password", trim: false, errors);
        if (newPassword is not null && lifecycle.PasswordProblems(user, newPassword) is { Count: > 0 } problems)
        {
            errors["new_password"] = [.. problems];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (!await VerifyAsync(user, currentPassword!, clientIp, cancellationToken).ConfigureAwait(false))
        {
            return new() { ["password"] = [WrongPassword] };
        }

        var refused = await lifecycle.ChangePasswordAsync(user, newPassword!, cancellationToken).ConfigureAwait(false);
        return refused.Count == 0 ? null : new() { ["new_password"] = [.. refused] };
    }

    /// <summary>Field errors, or null once the account and its sessions are gone.</summary>
    public async Task<Dictionary<string, List<string>>?> DeleteAsync(User user, Field current, string? clientIp, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var password = FieldRules.RequireText(current, "password", trim: false, errors);
        if (password is null)
        {
            return errors;
        }

        if (!await VerifyAsync(user, password, clientIp, cancellationToken).ConfigureAwait(false))
        {
            return new() { ["password"] = [WrongPassword] };
        }

        lifecycle.Delete(user);
        return null;
    }

    /// <summary>The same back-off as the token endpoint, on the same username and IP counters.</summary>
    private async Task<bool> VerifyAsync(User user, string password, string? clientIp, CancellationToken cancellationToken)
    {
        if (throttle.Begin(user.Username, clientIp) is { } wait)
        {
            throw new Throttling.ThrottledException(wait);
        }

        var valid = UsernameRules.Length(password) <= PasswordPolicy.MaxLength
            && await hasher.VerifyAsync(password, user.PasswordHash, cancellationToken).ConfigureAwait(false) != PasswordVerification.Failed;
        if (valid)
        {
            throttle.Succeeded(user.Username, clientIp);
        }

        return valid;
    }
}
