using Auth.Jwt.Tokens;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

internal sealed class PostgresRefreshTokenStore(PostgresDatabase database) : IRefreshTokenStore
{
    private const string Columns = "id, family_id, user_id, client_id, scope, issued_at, expires_at, successor_digest, rotated_at, sealed_successor";
    private const string Insert = $"INSERT INTO refresh_tokens ({Columns}) VALUES (@id, @family, @user, @client, @scope, @issued, @expires, @successor, @rotated, @sealed)";

    public void Add(RefreshToken token) => database.Execute(Insert, Values(token));

    public RefreshToken? FindByDigest(string digest) =>
        database.Query($"SELECT {Columns} FROM refresh_tokens WHERE id = @id", Read, ("id", digest)).FirstOrDefault();

    // The conditional UPDATE takes the row lock: a second rotation, on any instance, waits for this
    // transaction and then matches nothing (READ COMMITTED re-checks the WHERE on the new row version).
    public bool TryRotate(string presentedDigest, RefreshToken successor, DateTimeOffset rotatedAt, string sealedSuccessor) =>
        database.InTransaction((connection, transaction) =>
            connection.Execute(
                transaction,
                "UPDATE refresh_tokens SET successor_digest = @next, rotated_at = @at, sealed_successor = @seal WHERE id = @presented AND successor_digest IS NULL",
                ("presented", presentedDigest), ("next", successor.Id), ("at", rotatedAt), ("seal", sealedSuccessor)) == 1
            && connection.Execute(transaction, Insert, Values(successor)) == 1);

    public IReadOnlyList<string> FamiliesOfUser(string userId) =>
        database.Query("SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = @user", row => row.GetString(0), ("user", userId));

    public IReadOnlyList<string> FamiliesOfClient(string clientId) =>
        database.Query("SELECT DISTINCT family_id FROM refresh_tokens WHERE client_id = @client", row => row.GetString(0), ("client", clientId));

    public IReadOnlyList<RefreshToken> TokensOfFamily(string familyId) =>
        database.Query($"SELECT {Columns} FROM refresh_tokens WHERE family_id = @family", Read, ("family", familyId));

    // Until a statement finds nothing: a DELETE that waited on a rotation's row lock does not see the
    // successor that rotation inserted (its snapshot is older); the next statement does.
    public int DeleteFamily(string familyId)
    {
        var deleted = 0;
        for (var round = database.Execute("DELETE FROM refresh_tokens WHERE family_id = @family", ("family", familyId));
             round > 0;
             round = database.Execute("DELETE FROM refresh_tokens WHERE family_id = @family", ("family", familyId)))
        {
            deleted += round;
        }

        return deleted;
    }

    public int DeleteExpired(DateTimeOffset now) => database.Execute("DELETE FROM refresh_tokens WHERE expires_at <= @now", ("now", now));

    private static (string, object?)[] Values(RefreshToken token) =>
    [
        ("id", token.Id), ("family", token.FamilyId), ("user", token.UserId), ("client", token.ClientId),
        ("scope", token.Scope), ("issued", token.IssuedAt), ("expires", token.ExpiresAt),
        ("successor", token.SuccessorDigest), ("rotated", token.RotatedAt), ("sealed", token.SealedSuccessor),
    ];

    private static RefreshToken Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0),
        FamilyId = row.GetString(1),
        UserId = row.GetString(2),
        ClientId = row.GetString(3),
        Scope = row.GetString(4),
        IssuedAt = row.Time(5),
        ExpiresAt = row.Time(6),
        SuccessorDigest = row.NullableString(7),
        RotatedAt = row.NullableTime(8),
        SealedSuccessor = row.NullableString(9),
    };
}
