using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

/// <summary>
/// The one way sessions end: a family, every family of a user or of a client, or one access token. Owns
/// both halves, the stored refresh tokens and the denylist, so no caller can do one without the other.
/// </summary>
public sealed class SessionRevoker(IRefreshTokenStore refreshTokens, Denylist denylist, IOptions<TokenOptions> options, TimeProvider time)
{
    // A family's newest access token may have been issued a moment ago.
    private readonly TimeSpan _familyWindow = options.Value.AccessTokenLifetime + options.Value.ClockSkew;
    private readonly TimeSpan _skew = options.Value.ClockSkew;

    /// <summary>
    /// The denylist first, then the tokens: a crash between the two leaves a family whose refresh is
    /// refused (<see cref="RefreshTokens"/> checks the denylist) rather than access tokens that live on.
    /// </summary>
    public void RevokeFamily(string familyId)
    {
        denylist.AddFamily(familyId, time.GetUtcNow() + _familyWindow);
        refreshTokens.DeleteFamily(familyId);
    }

    /// <summary>Every family of the user; returns how many.</summary>
    public int RevokeUser(string userId) => RevokeEvery(() => refreshTokens.FamiliesOfUser(userId));

    /// <summary>Every family of the application; returns how many.</summary>
    public int RevokeClient(string clientId) => RevokeEvery(() => refreshTokens.FamiliesOfClient(clientId));

    public void RevokeAccessToken(string jti, DateTimeOffset tokenExpiresAt) => denylist.AddAccessToken(jti, tokenExpiresAt + _skew);

    // Until none is left: a login that started a family while we listed is revoked too.
    private int RevokeEvery(Func<IReadOnlyList<string>> listFamilies)
    {
        var revoked = 0;
        for (var families = listFamilies(); families.Count > 0; families = listFamilies())
        {
            foreach (var familyId in families)
            {
                RevokeFamily(familyId);
            }

            revoked += families.Count;
        }

        return revoked;
    }
}
