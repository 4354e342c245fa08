namespace Auth.Jwt.Tokens;

/// <summary>
/// Stored refresh tokens, keyed by digest. Atomic where a rule needs it (<see cref="TryRotate"/>), so a
/// SQL provider does it with one conditional UPDATE; the rules themselves are in <see cref="RefreshTokens"/>.
/// </summary>
public interface IRefreshTokenStore
{
    void Add(RefreshToken token);

    RefreshToken? FindByDigest(string digest);

    /// <summary>
    /// Compare-and-set: marks <paramref name="presentedDigest"/> rotated to <paramref name="successor"/> and
    /// adds the successor, in one transaction, only if the presented token still exists and has no successor.
    /// Of concurrent calls for one token, at most one returns true.
    /// </summary>
    bool TryRotate(string presentedDigest, RefreshToken successor, DateTimeOffset rotatedAt, string sealedSuccessor);

    IReadOnlyList<string> FamiliesOfUser(string userId);

    IReadOnlyList<string> FamiliesOfClient(string clientId);

    /// <summary>Every stored token of the family, rotated ones included.</summary>
    IReadOnlyList<RefreshToken> TokensOfFamily(string familyId);

    /// <summary>Deletes every token of the family at once; a rotation racing it either finished before or finds nothing.</summary>
    int DeleteFamily(string familyId);

    int DeleteExpired(DateTimeOffset now);
}
