using LiteDB;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

/// <summary>
/// The one LiteDatabase of the process, shared across threads for its whole life
/// (the LiteDB maintainers' advice). Every process opens the file the same way, from here.
/// </summary>
public sealed class AuthDatabase : IDisposable
{
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

        Database = new LiteDatabase(
            new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct },
            CreateMapper());
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    public void Dispose() => Database.Dispose();

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
