using Auth.Jwt.Tokens;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

internal sealed class PostgresRevocationStore(PostgresDatabase database) : IRevocationStore
{
    public void Put(Revocation revocation) =>
        database.Execute(
            "INSERT INTO revocations (id, expires_at, recorded_at) VALUES (@id, @expires, @recorded) ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at, recorded_at = EXCLUDED.recorded_at",
            ("id", revocation.Id), ("expires", revocation.ExpiresAt), ("recorded", revocation.RecordedAt));

    public IReadOnlyList<Revocation> ListUnexpired(DateTimeOffset now) =>
        database.Query("SELECT id, expires_at, recorded_at FROM revocations WHERE expires_at > @now", Read, ("now", now));

    public IReadOnlyList<Revocation> ListRecordedSince(DateTimeOffset since) =>
        database.Query("SELECT id, expires_at, recorded_at FROM revocations WHERE recorded_at >= @since", Read, ("since", since));

    public int DeleteExpired(DateTimeOffset now) => database.Execute("DELETE FROM revocations WHERE expires_at <= @now", ("now", now));

    private static Revocation Read(NpgsqlDataReader row) => new() { Id = row.GetString(0), ExpiresAt = row.Time(1), RecordedAt = row.Time(2) };
}
