using Auth.Jwt.Accounts;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

internal sealed class PostgresUserStore(PostgresDatabase database) : IUserStore
{
    private const string Columns = "id, username, normalized_username, password_hash, date_joined";

    // The unique index on normalized_username settles races between instances.
    public bool TryAdd(User user) =>
        database.Execute(
            $"INSERT INTO users ({Columns}) VALUES (@id, @username, @normalized, @hash, @joined) ON CONFLICT DO NOTHING",
            ("id", user.Id), ("username", user.Username), ("normalized", user.NormalizedUsername), ("hash", user.PasswordHash), ("joined", user.DateJoined)) == 1;

    public User? FindById(string id) =>
        database.Query($"SELECT {Columns} FROM users WHERE id = @id", Read, ("id", id)).FirstOrDefault();

    public User? FindByNormalizedUsername(string normalizedUsername) =>
        database.Query($"SELECT {Columns} FROM users WHERE normalized_username = @name", Read, ("name", normalizedUsername)).FirstOrDefault();

    public bool TryReplacePasswordHash(string id, string expected, string replacement) =>
        database.Execute("UPDATE users SET password_hash = @replacement WHERE id = @id AND password_hash = @expected", ("id", id), ("expected", expected), ("replacement", replacement)) == 1;

    public bool Delete(string id) => database.Execute("DELETE FROM users WHERE id = @id", ("id", id)) == 1;

    public IReadOnlyList<User> ListAll() => database.Query($"SELECT {Columns} FROM users ORDER BY date_joined, id", Read);

    private static User Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0),
        Username = row.GetString(1),
        NormalizedUsername = row.GetString(2),
        PasswordHash = row.GetString(3),
        DateJoined = row.Time(4),
    };
}
