using System.Reflection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by any number of instances: one connection pool per process, the schema
/// migrated at the start step from the SQL files embedded in this binary, under an advisory lock.
/// </summary>
internal sealed partial class PostgresDatabase(IOptions<StorageOptions> options, ILogger<PostgresDatabase> logger) : IStorage, IDisposable
{
    /// <summary>Held while migrating or creating the first signing key, so instances starting together take turns.</summary>
    public const long StartLock = 0x417574684A7774; // "AuthJwt"

    private readonly Lock _opening = new();
    private readonly ILogger _logger = logger;
    private NpgsqlDataSource? _source;

    public string Location { get; } = Describe(options.Value.ConnectionString);

    /// <summary>The database is the operator's: it exists; the schema is created when it is opened.</summary>
    public bool Exists => true;

    public NpgsqlDataSource Source => _source ?? throw new InvalidOperationException("The database is not open: the start step has not run.");

    public void Open()
    {
        lock (_opening)
        {
            if (_source is not null)
            {
                return;
            }

            var source = NpgsqlDataSource.Create(options.Value.ConnectionString!);
            try
            {
                Migrate(source);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException)
            {
                source.Dispose();
                throw new StorageException($"{Location} cannot be opened: {e.Message}", e);
            }

            _source = source;
        }
    }

    public bool IsAvailable()
    {
        try
        {
            this.Execute("SELECT 1");
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    // A real write: a full disk or a read-only standby after a failover refuse it, where SELECT 1 passes.
    public void ProbeWrite() =>
        this.Execute("INSERT INTO readiness (id, checked_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at");

    /// <summary>
    /// Runs one statement or transaction on the pool. A lost server, a full disk or a read-only standby
    /// becomes <see cref="StorageUnavailableException"/>; the pool reconnects by itself once the server is back.
    /// </summary>
    public T Run<T>(Func<NpgsqlDataSource, T> work)
    {
        try
        {
            return work(Source);
        }
        catch (NpgsqlException e) when (IsOutage(e))
        {
            // Idle pooled connections to a server that went away are broken too; drop them, so the first
            // request after it is back opens a fresh one instead of failing on a dead one.
            Source.Clear();
            throw new StorageUnavailableException($"{Location} cannot be used now: {e.Message}", e);
        }
    }

    public int BackupTo(string fullPath) =>
        throw new IOException($"a PostgreSQL database is backed up with its own tools (pg_dump), not by Auth.Jwt: pg_dump -Fc -f '{fullPath}' ...");

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns true.</summary>
    public bool InTransaction(Func<NpgsqlConnection, NpgsqlTransaction, bool> work) => Run(source =>
    {
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        if (work(connection, transaction))
        {
            transaction.Commit();
            return true;
        }

        transaction.Rollback();
        return false;
    });

    // Transient per Npgsql: a broken connection, a timeout, 53xxx (a full disk, no connections left),
    // 57P0x (the server shutting down). 25006 and 08xxx: a read-only standby, a connection exception.
    private static bool IsOutage(NpgsqlException e) =>
        e.IsTransient || (e is PostgresException p && (p.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction || p.SqlState.StartsWith("08", StringComparison.Ordinal)));

    public void Dispose() => _source?.Dispose();

    private static string Describe(string? connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "postgres (a connection string that cannot be read)";
        }
    }

    private void Migrate(NpgsqlDataSource source)
    {
        using var connection = source.OpenConnection();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", StartLock);
            take.ExecuteNonQuery();
        }

        try
        {
            using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", connection))
            {
                create.ExecuteNonQuery();
            }

            var applied = new HashSet<int>();
            using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var (version, sql) in Migrations().Where(m => !applied.Contains(m.Version)))
            {
                using var transaction = connection.BeginTransaction();
                using (var migrate = new NpgsqlCommand(sql, connection, transaction))
                {
                    migrate.ExecuteNonQuery();
                }

                using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@version)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", version);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
                Migrated(version, Location);
            }
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", StartLock);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>The embedded <c>Migrations/NNNN_name.sql</c> files, by version.</summary>
    private static IEnumerable<(int Version, string Sql)> Migrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Auth.Jwt.Storage.Postgres.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture), reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1);
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Migrated the schema to version {Version} in {Location}")]
    private partial void Migrated(int version, string location);
}
