using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>
/// The real app on a temporary root: its own LiteDB file and keys folder, deleted on dispose.
/// Argon2 runs with cheap parameters unless a test sets its own.
/// </summary>
public class AuthJwtApp : WebApplicationFactory<Program>
{
    public AuthJwtApp()
        : this(Directory.CreateTempSubdirectory("authjwt-tests-").FullName)
    {
    }

    private protected AuthJwtApp(string root)
    {
        Root = root;
        Settings["AuthJwt:Storage:DatabasePath"] = DatabasePath;
        Settings["AuthJwt:Keys:Path"] = KeysPath;
        Settings["AuthJwt:PasswordHashing:MemoryKiB"] = "1024";
        Settings["AuthJwt:PasswordHashing:Iterations"] = "1";
    }

    public string Root { get; }

    /// <summary>Keep the data and keys after dispose, for a restart with <see cref="Restart"/>.</summary>
    public bool KeepFiles { get; set; }

    /// <summary>
    /// Stops the app and waits until its database is released: the host can return from dispose a moment
    /// before the container has disposed the database and its lock.
    /// </summary>
    public async Task StopAsync()
    {
        KeepFiles = true;
        await DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new FileStream(DatabasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>A new app on this one's data and keys, as after a process restart; dispose this one first.</summary>
    public AuthJwtApp Restart()
    {
        var next = new AuthJwtApp(Root) { Time = Time };
        foreach (var (key, value) in Settings)
        {
            next.Settings[key] = value;
        }

        return next;
    }

    public string DatabasePath => Path.Combine(Root, "data", "auth.db");

    public string KeysPath => Path.Combine(Root, "keys");

    /// <summary>Configuration for this app; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set to drive the app's clock; null keeps the system clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary>Every log line of the app, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace).AddFilter((_, _) => true));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }

        // The test host has no sockets: a test names the client's address in a header of its own.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpFromTestHeader>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepFiles)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>Sets the connection's remote address from <c>X-Test-Client-Ip</c>, as a socket would.</summary>
internal sealed class ClientIpFromTestHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var ip))
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip.ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
