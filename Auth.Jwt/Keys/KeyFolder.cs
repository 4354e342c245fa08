using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Jwt.Keys;

/// <summary>When a key signs: published before <see cref="ActivatesAt"/>, signing from it, retired (validating only) from <see cref="RetiredAt"/>.</summary>
public sealed record KeyMetadata(
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("activates_at")] DateTimeOffset ActivatesAt,
    [property: JsonPropertyName("retired_at")] DateTimeOffset? RetiredAt);

/// <summary>
/// The files of <c>keys/</c>. Every write is atomic (temp file + rename), so a running server
/// reading the folder never sees half a key; private keys are created 0600 and never readable by others.
/// </summary>
public sealed class KeyFolder(string path) : IKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Location => Path;

    public bool Exists => Directory.Exists(Path);

    public void EnsureExists()
    {
        if (Directory.Exists(Path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>One key is <c>KID.pem</c> (PKCS#8, 0600) and <c>KID.json</c> (its schedule).</summary>
    public IReadOnlyList<KeyEntry> List()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Path, "*.pem")
            .Order(StringComparer.Ordinal)
            .Select(pem => new KeyEntry(System.IO.Path.GetFileNameWithoutExtension(pem), ReadMetadata(pem)))];
    }

    public string ReadPrivateKeyPem(string kid)
    {
        var pemPath = PemPath(kid);
        RefuseIfReadableByOthers(pemPath);
        return File.ReadAllText(pemPath);
    }

    /// <summary>Written 0600 from the first byte; the schedule first, so a server that sees the key sees when it may sign.</summary>
    public void Add(string kid, string privateKeyPem, KeyMetadata metadata)
    {
        EnsureExists();
        WriteMetadata(kid, metadata);
        WriteAtomically(PemPath(kid), privateKeyPem);
    }

    // One server owns a folder (the database lock beside it), so checking then adding does not race.
    public bool AddIfEmpty(string kid, string privateKeyPem, KeyMetadata metadata)
    {
        if (List().Count > 0)
        {
            return false;
        }

        Add(kid, privateKeyPem, metadata);
        return true;
    }

    public IDisposable? Watch(Action changed)
    {
        EnsureExists();
        var watcher = new FileSystemWatcher(Path) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, _) => changed();
        watcher.Changed += (_, _) => changed();
        watcher.Deleted += (_, _) => changed();
        watcher.Renamed += (_, _) => changed();
        return watcher;
    }

    public void WriteMetadata(string kid, KeyMetadata metadata) =>
        WriteAtomically(System.IO.Path.ChangeExtension(PemPath(kid), ".json"), JsonSerializer.Serialize(metadata, Json));

    public void Delete(string kid)
    {
        File.Delete(PemPath(kid));
        File.Delete(System.IO.Path.ChangeExtension(PemPath(kid), ".json"));
    }

    public string PemPath(string kid) => System.IO.Path.Combine(Path, kid + ".pem");

    /// <summary>Like ssh: a private key others can read is refused, with the command that fixes it.</summary>
    public static void RefuseIfReadableByOthers(string pemPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(pemPath);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new StartupException(
                $"private key {pemPath} is accessible by group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); " +
                $"it must be readable by its owner only: chmod 600 '{pemPath}'");
        }
    }

    private static KeyMetadata ReadMetadata(string pemPath)
    {
        var jsonPath = System.IO.Path.ChangeExtension(pemPath, ".json");
        if (File.Exists(jsonPath))
        {
            try
            {
                if (JsonSerializer.Deserialize<KeyMetadata>(File.ReadAllText(jsonPath)) is { } metadata)
                {
                    return metadata;
                }
            }
            catch (JsonException e)
            {
                throw new StartupException($"{jsonPath} is not a key schedule ({e.Message}).");
            }
        }

        // A key dropped in by hand, with no schedule: it has always been active.
        var created = new DateTimeOffset(File.GetLastWriteTimeUtc(pemPath), TimeSpan.Zero);
        return new KeyMetadata(created, DateTimeOffset.MinValue, null);
    }

    private static void WriteAtomically(string path, string contents)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(contents));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
