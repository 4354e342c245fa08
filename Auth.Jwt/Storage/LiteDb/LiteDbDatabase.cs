using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Tokens;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage.LiteDb;

/// <summary>
/// The one LiteDatabase of the process, shared across threads (the LiteDB maintainers' advice), opened in
/// Direct mode by every process the same way, from here, and only by <see cref="Open"/>. Every store call
/// goes through <see cref="Run{T}"/>, which turns an I/O failure into <see cref="StorageUnavailableException"/>
/// and reopens the file on the next call once the cause is gone.
/// </summary>
internal sealed class LiteDbDatabase(IOptions<StorageOptions> options, TimeProvider time) : IStorage, IDisposable
{
    private readonly Lock _opening = new();
    private FileStream? _lock;
    private LiteDbSession? _session;

    public string FilePath { get; } = Path.GetFullPath(options.Value.DatabasePath);

    public string Location => FilePath;

    public bool Exists => File.Exists(FilePath);

    public LiteDatabase Database => Current().Database;

    public void Open()
    {
        lock (_opening)
        {
            if (_session is not null)
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
                _session = LiteDbSession.Open(FilePath, options.Value.FlushesEachWrite, CreateMapper());
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

    /// <summary>
    /// Runs one store operation. LiteDB closes its engine for good on an I/O error (a full disk, a
    /// read-only file system), so the session is marked broken and the next call reopens the file.
    /// A commit that failed half-written is not confirmed in the log, and reading the file ignores it.
    /// </summary>
    public T Run<T>(Func<LiteDbSession, T> work)
    {
        var session = Current();
        try
        {
            return work(session);
        }
        catch (Exception e) when (IsOutage(e))
        {
            session.Broken = true;
            throw new StorageUnavailableException($"{FilePath} cannot be used now: {e.Message}", e);
        }
    }

    public void Run(Action<LiteDbSession> work) => Run(session =>
    {
        work(session);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> in one transaction; LiteDB transactions belong to the calling thread.</summary>
    public T InTransaction<T>(Func<LiteDbSession, T> work, Func<T, bool> commit) => Run(session =>
    {
        var database = session.Database;
        database.BeginTrans();
        try
        {
            var result = work(session);
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
    });

    public bool IsAvailable()
    {
        try
        {
            // Touches the engine: a closed or broken file throws here.
            Run(session => session.Database.CollectionExists("users"));
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    public void ProbeWrite() =>
        Run(session => session.Database.GetCollection("readiness").Upsert(new BsonDocument { ["_id"] = 1, ["checked_at"] = time.GetUtcNow().UtcTicks }));

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

        return Run(session =>
        {
            var copied = 0;
            using var backup = new LiteDatabase(new ConnectionString { Filename = fullPath, Connection = ConnectionType.Direct });
            foreach (var name in session.Database.GetCollectionNames().Where(name => name != "readiness"))
            {
                // Indexes are not copied: they are ensured when the service opens the file.
                copied += backup.GetCollection(name).InsertBulk(session.Database.GetCollection(name).FindAll());
            }

            backup.Checkpoint();
            return copied;
        });
    }

    public void Dispose()
    {
        _session?.Dispose();
        _lock?.Dispose();
    }

    private static bool IsOutage(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException
        || (e is LiteException { ErrorCode: LiteException.INVALID_DATAFILE_STATE or LiteException.ENGINE_DISPOSED });

    /// <summary>
    /// The open session, reopened when an I/O error closed the last one: one thread reopens, the others
    /// wait for it. No back-off, so the first request after the cause is gone succeeds; an attempt on a
    /// full or read-only disk fails in well under a millisecond.
    /// </summary>
    private LiteDbSession Current()
    {
        var session = _session ?? throw new InvalidOperationException("The database is not open: the start step has not run.");
        if (!session.Broken)
        {
            return session;
        }

        lock (_opening)
        {
            if (!_session.Broken)
            {
                return _session;
            }

            try
            {
                var fresh = LiteDbSession.Open(FilePath, options.Value.FlushesEachWrite, CreateMapper());
                _session.Dispose();
                _session = fresh;
                return fresh;
            }
            catch (Exception e) when (IsOutage(e) || e is LiteException)
            {
                throw new StorageUnavailableException($"{FilePath} cannot be reopened: {e.Message}", e);
            }
        }
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

/// <summary>One opening of the file: the engine, its collections, and (with power durability) the files under it.</summary>
internal sealed class LiteDbSession : IDisposable
{
    private readonly FileStream? _dataFile;
    private readonly FileStream? _logFile;

    private LiteDbSession(LiteDatabase database, FileStream? dataFile, FileStream? logFile)
    {
        _dataFile = dataFile;
        _logFile = logFile;
        Database = database;
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
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<User> Users { get; }

    public ILiteCollection<Client> Clients { get; }

    public ILiteCollection<RefreshToken> RefreshTokens { get; }

    public ILiteCollection<Revocation> Revocations { get; }

    /// <summary>Set when an I/O error closed the engine: nothing more can be done through this session.</summary>
    public volatile bool Broken;

    /// <summary>
    /// With <paramref name="flushEachWrite"/>, LiteDB runs on files opened write-through (O_SYNC): it writes a
    /// commit's pages to its log with plain writes and syncs only at a checkpoint, so otherwise the OS may
    /// still hold an acknowledged commit when the power goes. The same two files as LiteDB's own naming,
    /// so a file can move between the two settings.
    /// </summary>
    public static LiteDbSession Open(string filePath, bool flushEachWrite, BsonMapper mapper)
    {
        if (!flushEachWrite)
        {
            return Opened(new LiteDatabase(new ConnectionString { Filename = filePath, Connection = ConnectionType.Direct }, mapper), null, null);
        }

        FileStream? data = null;
        FileStream? log = null;
        try
        {
            data = OpenWriteThrough(filePath);
            log = OpenWriteThrough(Path.Combine(Path.GetDirectoryName(filePath)!, Path.GetFileNameWithoutExtension(filePath) + "-log" + Path.GetExtension(filePath)));
            var engine = new LiteEngine(new EngineSettings { DataStream = data, LogStream = log });
            return Opened(new LiteDatabase(engine, mapper, disposeOnClose: true), data, log);
        }
        catch
        {
            data?.Dispose();
            log?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Database.Dispose();
        }
        catch (Exception e) when (e is IOException or LiteException or ObjectDisposedException)
        {
            // A broken engine may fail its last checkpoint; the log it keeps is replayed at the next open.
        }

        _dataFile?.Dispose();
        _logFile?.Dispose();
    }

    private static LiteDbSession Opened(LiteDatabase database, FileStream? data, FileStream? log)
    {
        try
        {
            return new LiteDbSession(database, data, log);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    // No .NET buffer either: a buffered write could sit in this process until a later flush.
    private static FileStream OpenWriteThrough(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.WriteThrough | FileOptions.RandomAccess);
}
