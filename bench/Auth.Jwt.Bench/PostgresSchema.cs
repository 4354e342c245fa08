using System.Security.Cryptography;
using Npgsql;

namespace Auth.Jwt.Bench;

/// <summary>
/// A fresh schema on the given PostgreSQL server, first on the search path of the server's settings, so a
/// run starts from an empty database and leaves nothing behind. Disposing drops it.
/// </summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private PostgresSchema(string server) => _server = server;

    /// <summary>What the Auth.Jwt server and CLI need to run on this schema, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AuthJwt__Storage__Provider"] = "postgres",
        ["AuthJwt__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { SearchPath = _name }.ConnectionString,
        ["AuthJwt__Keys__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>True when the server is on this machine, so its processes' CPU can be read from /proc.</summary>
    public bool IsLocal => new NpgsqlConnectionStringBuilder(_server).Host is "127.0.0.1" or "localhost" or "::1" or ['/', ..];

    public static async Task<PostgresSchema> CreateAsync(string server, CancellationToken cancellationToken)
    {
        var schema = new PostgresSchema(server);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema._name}", cancellationToken);
        return schema;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {_name} CASCADE", CancellationToken.None);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
