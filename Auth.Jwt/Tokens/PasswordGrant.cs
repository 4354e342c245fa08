using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 4.3: the resource owner password credentials grant.</summary>
public sealed class PasswordGrant(
    UserStore users,
    Argon2PasswordHasher hasher,
    RefreshTokenStore refreshTokens,
    AccessTokenIssuer issuer,
    IOptions<TokenOptions> options,
    TimeProvider time,
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
        if (throttle.RetryAfter(username, clientIp) is { } wait)
        {
            log.LoginThrottled(Throttling.AuditName.Of(username), client.Id, clientIp);
            return OAuthError.Throttled(wait);
        }

        var user = await VerifyAsync(username, password, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            throttle.Failed(username, clientIp);
            log.LoginFailed(Throttling.AuditName.Of(username), client.Id, clientIp);
            metrics.LoginFailed();
            return OAuthError.InvalidCredentials;
        }

        throttle.Succeeded(username);

        var (refresh, refreshToken) = refreshTokens.Create(user.Id, client.Id, scope, time.GetUtcNow(), options.Value.RefreshTokenLifetime);
        var access = issuer.Issue(user, client.Id, scope, refresh.FamilyId);
        log.LoginSucceeded(user.Id, client.Id, refresh.FamilyId, clientIp);
        metrics.TokenIssued(GrantTypes.Password);
        return new TokenResponse(access.Token, access.ExpiresIn, "Bearer", scope, refreshToken);
    }

    /// <summary>The user, or null; an unknown user and a wrong password cost the same Argon2 work.</summary>
    private async Task<User?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        // No stored password is longer than sign-up allows; refuse before paying for a hash.
        if (UsernameRules.Length(password) > PasswordPolicy.MaxLength || UsernameRules.Length(username) > UsernameRules.MaxLength)
        {
            return null;
        }

        var user = users.FindByUsername(username);
        if (user is null)
        {
            await hasher.VerifyDummyAsync(password, cancellationToken).ConfigureAwait(false);
            return null;
        }

        switch (await hasher.VerifyAsync(password, user.PasswordHash, cancellationToken).ConfigureAwait(false))
        {
            case PasswordVerification.Success:
                return user;
            case PasswordVerification.SuccessRehashNeeded:
                users.UpdatePasswordHash(user, await hasher.HashAsync(password, cancellationToken).ConfigureAwait(false));
                accountsLog.PasswordRehashed(user.Id);
                return user;
            default:
                return null;
        }
    }
}
