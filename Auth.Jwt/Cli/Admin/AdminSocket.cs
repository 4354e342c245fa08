using System.Net.Sockets;
using Auth.Jwt.Storage;

namespace Auth.Jwt.Cli.Admin;

/// <summary>
/// The server's Unix socket for the admin API, beside the database in the service's own 0700 folder,
/// and itself 0600: only the service's user can connect, which is the admin API's authentication.
/// </summary>
public static class AdminSocket
{
    /// <summary>Adds the socket to the addresses Kestrel listens on (the TCP ones stay as configured).</summary>
    public static void ListenOnAdminSocket(this WebApplicationBuilder builder, string urls)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // A shared database server needs no socket: every command line connects to it directly.
        // An empty path fails the options validation at start, with its own message.
        if (!storage.OwnedByOneProcess || string.IsNullOrEmpty(storage.DatabasePath) || OperatingSystem.IsWindows())
        {
            return;
        }

        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"http://unix:{storage.AdminSocketFullPath}"]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            // Marks each connection accepted on the socket; the admin endpoints answer no other.
            if (listen.EndPoint is UnixDomainSocketEndPoint)
            {
                listen.Use(next => connection =>
                {
                    connection.Features.Set(AdminSocketConnection.Instance);
                    return next(connection);
                });
            }
        }));
    }

    /// <summary>Whether the request came in on the admin socket (and not over TCP or any other listener).</summary>
    public static bool IsAdminConnection(HttpContext context) => context.Features.Get<AdminSocketConnection>() is not null;

    /// <summary>
    /// Before Kestrel binds, after the database lock is ours: a socket file left by a killed server is
    /// stale (no other server can hold this data), and would make the bind fail.
    /// </summary>
    public static void RemoveStale(StorageOptions storage)
    {
        if (storage.OwnedByOneProcess)
        {
            File.Delete(storage.AdminSocketFullPath);
        }
    }

    /// <summary>Once bound: the owner alone may connect, whatever the umask gave the new file.</summary>
    public static void RestrictToOwner(StorageOptions storage)
    {
        if (storage.OwnedByOneProcess && !OperatingSystem.IsWindows() && File.Exists(storage.AdminSocketFullPath))
        {
            File.SetUnixFileMode(storage.AdminSocketFullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>The connection feature that marks a connection accepted on the admin socket.</summary>
public sealed class AdminSocketConnection
{
    public static readonly AdminSocketConnection Instance = new();

    private AdminSocketConnection()
    {
    }
}
