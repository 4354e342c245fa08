using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 4.3: the resource owner password credentials grant.</summary>
public sealed class PasswordGrant(
    IUserStore users,
    Argon2PasswordHasher hasher,
    RefreshTokens refreshTokens,
    SessionRevoker sessions,
    AccessTokenIssuer issuer,
    IOptions<TokenOptions> options,
    AccountsLog accountsLog,
    TokensLog log,
    Telemetry.AuthMetrics metrics,
    Throttling.LoginThrottle throttle)
{
    public async Task<GrantResult> HandleAsync(OAuthRequest request, Client client, string? clientIp, CancellationToken cancellationToken)
    {
        if (request["username"] is not { } username)
        {
            return OAuthError.Missing("username");
        }

        if (request["password"] is not { } password)
        {
            return OAuthError.Missing("password");
        }

        if (!client.Allows(GrantTypes.Password))
        {
            return OAuthError.UnauthorizedClient;
        }

        if (Scopes.Grant(request["scope"], options.Value.ScopeList) is not { } scope)
        {
            return OAuthError.InvalidScope;
        }

        // Before any hashing: a throttled attempt costs the server nothing.
        if (throttle.Begin(username, clientIp) is { } wait)
        {
            log.LoginThrottled(Throttling.AuditName.Of(username), client.Id, clientIp);
            return OAuthError.Throttled(wait);
        }

        var (user, hashInEffect) = await VerifyAsync(username, password, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            log.LoginFailed(Throttling.AuditName.Of(username), client.Id, clientIp);
            metrics.LoginFailed();
            return OAuthError.InvalidCredentials;
        }

        throttle.Succeeded(username, clientIp);

        var (refresh, refreshToken) = refreshTokens.StartFamily(user.Id, client.Id, scope);

        // A password change or deletion that ran while this login was hashing revoked the user's families
        // before this one existed: the old password must not win a session.
        if (users.FindById(user.Id)?.PasswordHash != hashInEffect)
        {
            sessions.RevokeFamily(refresh.FamilyId);
            return OAuthError.InvalidCredentials;
        }

        var access = issuer.Issue(user, client.Id, scope, refresh.FamilyId);
        log.LoginSucceeded(user.Id, client.Id, refresh.FamilyId, clientIp);
        metrics.TokenIssued(GrantTypes.Password);
        return new TokenResponse(access.Token, access.ExpiresIn, "Bearer", scope, refreshToken);
    }

    /// <summary>
    /// The user and the hash now stored for them, or nulls; an unknown user and a wrong password cost the
    /// same Argon2 work.
    /// </summary>
    private async Task<(User? User, string? HashInEffect)> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        // No stored password is longer than sign-up allows; refuse before paying for a hash.
        if (UsernameRules.Length(password) > PasswordPolicy.MaxLength || UsernameRules.Length(username) > UsernameRules.MaxLength)
        {
            return (null, null);
        }

        var user = users.FindByUsername(username);
        if (user is null)
        {
            await hasher.VerifyDummyAsync(password, cancellationToken).ConfigureAwait(false);
            return (null, null);
        }

        var verifiedHash = user.PasswordHash;
        switch (await hasher.VerifyAsync(password, verifiedHash, cancellationToken).ConfigureAwait(false))
        {
            case PasswordVerification.Success:
                return (user, verifiedHash);
            case PasswordVerification.SuccessRehashNeeded:
                var rehashed = await hasher.HashAsync(password, cancellationToken).ConfigureAwait(false);
                // Only over the hash we verified: a password changed meanwhile is never overwritten with the old one.
                if (users.TryReplacePasswordHash(user.Id, verifiedHash, rehashed))
                {
                    accountsLog.PasswordRehashed(user.Id);
                    return (user, rehashed);
                }

                return (user, verifiedHash);
            default:
                return (null, null);
        }
    }
}
