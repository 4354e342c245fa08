using Npgsql;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server for the tests, named by <c>AUTHJWT_TEST_POSTGRES</c> (a connection string;
/// <c>.ci/postgres</c> starts one on loopback and prints it). Without one the PostgreSQL tests skip,
/// except under <c>CI=true</c>, where they fail.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "AUTHJWT_TEST_POSTGRES";

    private static readonly Lazy<string?> Unreachable = new(Probe);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    /// <summary>Skips the calling test (or fails it under CI) when no server is reachable.</summary>
    public static string RequireServer()
    {
        if (Unreachable.Value is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true needs PostgreSQL: {reason}");
            }

            Skip.If(true, $"PostgreSQL tests skipped: {reason}. Enable them with {Variable}=\"$(.ci/postgres)\" make test");
        }

        return ConnectionString!;
    }

    /// <summary>A fresh, empty schema on the test server, dropped on dispose: a database of its own for one test.</summary>
    public static IsolatedSchema NewSchema() => new(RequireServer());

    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return $"{Variable} is not set";
        }

        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return $"no server answers at {Variable} ({e.Message})";
        }
    }

    public sealed class IsolatedSchema : IDisposable
    {
        private readonly string _server;

        internal IsolatedSchema(string server)
        {
            _server = server;
            Name = "t_" + Guid.NewGuid().ToString("N");
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {Name}", connection);
            create.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Name }.ConnectionString;
        }

        public string Name { get; }

        /// <summary>The server's connection string with this schema first on the search path.</summary>
        public string ConnectionString { get; }

        public void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA {Name} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }
}
