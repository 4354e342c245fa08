using Auth.Jwt.Security;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Accounts;

/// <summary>
/// A password change ends every session of the user: the new hash is stored and every refresh-token
/// family is revoked, so no token obtained with the old password can be refreshed.
/// </summary>
public sealed class PasswordChanger(UserStore users, Argon2PasswordHasher hasher, RefreshTokenStore refreshTokens)
{
    public async Task<IReadOnlyList<string>> ChangeAsync(User user, string newPassword, CancellationToken cancellationToken = default)
    {
        users.UpdatePasswordHash(user, await hasher.HashAsync(newPassword, cancellationToken).ConfigureAwait(false));
        return refreshTokens.RevokeUser(user.Id);
    }
}
