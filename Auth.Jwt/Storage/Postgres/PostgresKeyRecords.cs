using Auth.Jwt.Keys;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

internal sealed class PostgresKeyRecords(PostgresDatabase database) : ISealedKeyRecords
{
    private const string Insert = "INSERT INTO signing_keys (kid, sealed_key, created_at, activates_at, retired_at) VALUES (@kid, @sealed, @created, @activates, @retired)";

    public string Location => database.Location;

    public IReadOnlyList<SealedKey> List() =>
        database.Query("SELECT kid, sealed_key, created_at, activates_at, retired_at FROM signing_keys ORDER BY kid", Read);

    public void Add(SealedKey key) => database.Execute(Insert, Values(key));

    // Under the start lock, in one transaction: instances starting together on an empty database end with one key.
    public bool AddIfEmpty(SealedKey key) =>
        database.InTransaction((connection, transaction) =>
        {
            connection.Execute(transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", PostgresDatabase.StartLock));
            using var count = new NpgsqlCommand("SELECT count(*) FROM signing_keys", connection, transaction);
            return (long)count.ExecuteScalar()! == 0 && connection.Execute(transaction, Insert, Values(key)) == 1;
        });

    public void WriteMetadata(string kid, KeyMetadata metadata) =>
        database.Execute(
            "UPDATE signing_keys SET created_at = @created, activates_at = @activates, retired_at = @retired WHERE kid = @kid",
            ("kid", kid), ("created", metadata.CreatedAt), ("activates", metadata.ActivatesAt), ("retired", metadata.RetiredAt));

    public void Delete(string kid) => database.Execute("DELETE FROM signing_keys WHERE kid = @kid", ("kid", kid));

    private static (string, object?)[] Values(SealedKey key) =>
        [("kid", key.Kid), ("sealed", key.Sealed), ("created", key.Metadata.CreatedAt), ("activates", key.Metadata.ActivatesAt), ("retired", key.Metadata.RetiredAt)];

    private static SealedKey Read(NpgsqlDataReader row) =>
        new(row.GetString(0), row.GetFieldValue<byte[]>(1), new KeyMetadata(row.Time(2), row.Time(3), row.NullableTime(4)));
}
