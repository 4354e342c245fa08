using Auth.Jwt.Tokens;

namespace Auth.Jwt.Storage.LiteDb;

internal sealed class LiteDbRevocationStore(LiteDbDatabase database) : IRevocationStore
{
    public void Put(Revocation revocation) => database.Revocations.Upsert(revocation);

    public IReadOnlyList<Revocation> ListUnexpired(DateTimeOffset now) => [.. database.Revocations.Find(r => r.ExpiresAt > now)];

    public IReadOnlyList<Revocation> ListRecordedSince(DateTimeOffset since) => [.. database.Revocations.Find(r => r.RecordedAt >= since)];

    public int DeleteExpired(DateTimeOffset now) => database.Revocations.DeleteMany(r => r.ExpiresAt <= now);
}
