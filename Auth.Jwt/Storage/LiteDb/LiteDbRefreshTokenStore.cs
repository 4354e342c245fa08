using Auth.Jwt.Tokens;

namespace Auth.Jwt.Storage.LiteDb;

internal sealed class LiteDbRefreshTokenStore(LiteDbDatabase database) : IRefreshTokenStore
{
    public void Add(RefreshToken token) => database.Run(s => s.RefreshTokens.Insert(token));

    public RefreshToken? FindByDigest(string digest) => database.Run(s => s.RefreshTokens.FindById(digest));

    // The conditional UpdateMany takes the collection's write lock, held to the end of the transaction:
    // a second rotation of the same token waits, then matches nothing.
    public bool TryRotate(string presentedDigest, RefreshToken successor, DateTimeOffset rotatedAt, string sealedSuccessor) =>
        database.InTransaction(
            session =>
            {
                var marked = session.RefreshTokens.UpdateMany(
                    t => new RefreshToken { SuccessorDigest = successor.Id, RotatedAt = rotatedAt, SealedSuccessor = sealedSuccessor },
                    t => t.Id == presentedDigest && t.SuccessorDigest == null);
                if (marked != 1)
                {
                    return false;
                }

                session.RefreshTokens.Insert(successor);
                return true;
            },
            commit: rotated => rotated);

    public IReadOnlyList<string> FamiliesOfUser(string userId) =>
        database.Run(s => s.RefreshTokens.Query().Where(t => t.UserId == userId).Select(t => t.FamilyId).ToEnumerable().Distinct().ToList());

    public IReadOnlyList<string> FamiliesOfClient(string clientId) =>
        database.Run(s => s.RefreshTokens.Query().Where(t => t.ClientId == clientId).Select(t => t.FamilyId).ToEnumerable().Distinct().ToList());

    public IReadOnlyList<RefreshToken> TokensOfFamily(string familyId) => database.Run(s => s.RefreshTokens.Find(t => t.FamilyId == familyId).ToList());

    public int DeleteFamily(string familyId) => database.Run(s => s.RefreshTokens.DeleteMany(t => t.FamilyId == familyId));

    public int DeleteExpired(DateTimeOffset now) => database.Run(s => s.RefreshTokens.DeleteMany(t => t.ExpiresAt <= now));
}
