using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Tokens;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage.LiteDb;

/// <summary>
/// The one LiteDatabase of the process, shared across threads for its whole life (the LiteDB maintainers'
/// advice), opened in Direct mode by every process the same way, from here, and only by <see cref="Open"/>.
/// </summary>
internal sealed class LiteDbDatabase(IOptions<StorageOptions> options) : IStorage, IDisposable
{
    private readonly Lock _opening = new();
    private FileStream? _lock;
    private LiteDatabase? _database;

    public string FilePath { get; } = Path.GetFullPath(options.Value.DatabasePath);

    public string Location => FilePath;

    public bool Exists => File.Exists(FilePath);

    public LiteDatabase Database => _database ?? throw new InvalidOperationException("The database is not open: the start step has not run.");

    public ILiteCollection<User> Users { get; private set; } = null!;

    public ILiteCollection<Client> Clients { get; private set; } = null!;

    public ILiteCollection<RefreshToken> RefreshTokens { get; private set; } = null!;

    public ILiteCollection<Revocation> Revocations { get; private set; } = null!;

    public void Open()
    {
        lock (_opening)
        {
            if (_database is not null)
            {
                return;
            }

            var folder = Path.GetDirectoryName(FilePath)!;
            if (!Directory.Exists(folder))
            {
                // The file holds password hashes: a folder we create is the service user's alone.
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            _lock = AcquireLock(FilePath + ".lock");
            try
            {
                var database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, CreateMapper());
                Users = database.GetCollection<User>("users");
                Users.EnsureIndex(u => u.NormalizedUsername, unique: true);
                Clients = database.GetCollection<Client>("clients");
                RefreshTokens = database.GetCollection<RefreshToken>("refresh_tokens");
                RefreshTokens.EnsureIndex(t => t.FamilyId);
                RefreshTokens.EnsureIndex(t => t.UserId);
                RefreshTokens.EnsureIndex(t => t.ClientId);
                RefreshTokens.EnsureIndex(t => t.ExpiresAt);
                Revocations = database.GetCollection<Revocation>("revocations");
                Revocations.EnsureIndex(r => r.ExpiresAt);
                Revocations.EnsureIndex(r => r.RecordedAt);
                _database = database;
            }
            catch (LiteException e)
            {
                _lock.Dispose();
                throw new StorageException($"{FilePath} cannot be opened: {e.Message}", e);
            }
            catch
            {
                _lock.Dispose();
                throw;
            }
        }
    }

    public bool IsAvailable()
    {
        // Touches the engine: a closed or broken file throws here.
        try
        {
            _ = Database.CollectionExists("users");
            return true;
        }
        catch (Exception e) when (e is LiteException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A copy of every collection into a new file, taken through this engine while it serves, so no
    /// write is half-copied (copying auth.db with cp while it runs can catch it mid-checkpoint).
    /// </summary>
    public int BackupTo(string fullPath)
    {
        if (File.Exists(fullPath))
        {
            throw new IOException($"{fullPath} already exists; choose a new file.");
        }

        var copied = 0;
        using var backup = new LiteDatabase(new ConnectionString { Filename = fullPath, Connection = ConnectionType.Direct });
        foreach (var name in Database.GetCollectionNames())
        {
            // Indexes are not copied: they are ensured when the service opens the file.
            copied += backup.GetCollection(name).InsertBulk(Database.GetCollection(name).FindAll());
        }

        backup.Checkpoint();
        return copied;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; LiteDB transactions belong to the calling thread.</summary>
    public T InTransaction<T>(Func<T> work, Func<T, bool> commit)
    {
        var database = Database;
        database.BeginTrans();
        try
        {
            var result = work();
            if (commit(result))
            {
                database.Commit();
            }
            else
            {
                database.Rollback();
            }

            return result;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    public void Dispose()
    {
        _database?.Dispose();
        _lock?.Dispose();
    }

    /// <summary>
    /// LiteDB's Direct mode takes no lock other processes see: two writers would corrupt the file.
    /// An exclusive lock file (flock on Unix) makes the second opener fail cleanly instead.
    /// </summary>
    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            throw new DatabaseInUseException(path[..^".lock".Length]);
        }
    }

    private static BsonMapper CreateMapper()
    {
        // A mapper of our own: the global one is shared process-wide state.
        var mapper = new BsonMapper { EnumAsInteger = false };
        // LiteDB hands DateTime back in local time and to the millisecond; UTC ticks keep instants exact.
        mapper.RegisterType(
            value => new BsonValue(value.UtcTicks),
            bson => new DateTimeOffset(bson.AsInt64, TimeSpan.Zero));
        return mapper;
    }
}
