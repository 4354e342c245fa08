using Auth.Jwt.Tokens;

namespace Auth.Jwt.Storage.LiteDb;

internal sealed class LiteDbRevocationStore(LiteDbDatabase database) : IRevocationStore
{
    public void Put(Revocation revocation) => database.Run(s => s.Revocations.Upsert(revocation));

    public IReadOnlyList<Revocation> ListUnexpired(DateTimeOffset now) => database.Run(s => s.Revocations.Find(r => r.ExpiresAt > now).ToList());

    public IReadOnlyList<Revocation> ListRecordedSince(DateTimeOffset since) => database.Run(s => s.Revocations.Find(r => r.RecordedAt >= since).ToList());

    public int DeleteExpired(DateTimeOffset now) => database.Run(s => s.Revocations.DeleteMany(r => r.ExpiresAt <= now));
}
