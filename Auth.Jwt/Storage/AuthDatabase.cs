using LiteDB;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

/// <summary>
/// The one LiteDatabase of the process, shared across threads for its whole life
/// (the LiteDB maintainers' advice). Every process opens the file the same way, from here.
/// </summary>
public sealed class AuthDatabase : IDisposable
{
    private readonly FileStream _lock;

    public AuthDatabase(IOptions<StorageOptions> options)
    {
        FilePath = Path.GetFullPath(options.Value.DatabasePath);
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
            Database = new LiteDatabase(
                new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct },
                CreateMapper());
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// A copy of every collection into a new file, taken through this engine while it serves, so no
    /// write is half-copied (copying auth.db with cp while it runs can catch it mid-checkpoint).
    /// </summary>
    public int BackupTo(string path)
    {
        var target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            throw new IOException($"{target} already exists; choose a new file.");
        }

        var copied = 0;
        using var backup = new LiteDatabase(new ConnectionString { Filename = target, Connection = ConnectionType.Direct });
        foreach (var name in Database.GetCollectionNames())
        {
            var source = Database.GetCollection(name);
            // Indexes are not copied: each store ensures its own when the service opens the file.
            copied += backup.GetCollection(name).InsertBulk(source.FindAll());
        }

        backup.Checkpoint();
        return copied;
    }

    public void Dispose()
    {
        Database.Dispose();
        _lock.Dispose();
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

/// <summary>Another process (a running server) holds the database.</summary>
public sealed class DatabaseInUseException(string path)
    : IOException($"{path} is in use by another Auth.Jwt process (is the server running?); stop it and try again.")
{
    public string DatabasePath { get; } = path;
}
