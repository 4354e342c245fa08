namespace Auth.Jwt.Storage;

/// <summary>
/// The database as a whole, whichever provider holds it: opened by an explicit start step (never by a
/// constructor), checked by <c>/healthz</c>, copied by <c>backup</c>.
/// </summary>
public interface IStorage
{
    /// <summary>Where the data is, for messages: a full file path, or a server without its password.</summary>
    string Location { get; }

    /// <summary>Whether data exists there already (opening may create it).</summary>
    bool Exists { get; }

    /// <summary>Opens it for this process; <see cref="DatabaseInUseException"/> when another process owns it.</summary>
    void Open();

    /// <summary>False when the database cannot be used now.</summary>
    bool IsAvailable();

    /// <summary>Writes one small record, for readiness: throws <see cref="StorageUnavailableException"/> when nothing can be written now.</summary>
    void ProbeWrite();

    /// <summary>A consistent copy into a new file while serving; returns how many records were copied.</summary>
    int BackupTo(string fullPath);
}

/// <summary>Another process (a running server) owns the database.</summary>
public sealed class DatabaseInUseException(string location)
    : IOException($"{location} is in use by another Auth.Jwt process (is the server running?); stop it and try again.")
{
    public string DatabasePath { get; } = location;
}

/// <summary>The database failed in a way the caller cannot fix by changing its request (a broken file, a lost connection).</summary>
public sealed class StorageException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// The database cannot be reached or written now (a full disk, a read-only file system, a lost server),
/// though the request itself is fine: answered 503 with Retry-After. Nothing was half-written.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner) : IOException(message, inner)
{
    /// <summary>What a client is told to wait: long enough for a reopen or a reconnect.</summary>
    public const int RetryAfterSeconds = 5;
}
