using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>
/// The real app on a temporary root: its own LiteDB file and keys folder, deleted on dispose.
/// Argon2 runs with cheap parameters unless a test sets its own.
/// </summary>
public class AuthJwtApp : WebApplicationFactory<Program>
{
    public AuthJwtApp()
    {
        Root = Directory.CreateTempSubdirectory("authjwt-tests-").FullName;
        Settings["AuthJwt:Storage:DatabasePath"] = DatabasePath;
        Settings["AuthJwt:Keys:Path"] = KeysPath;
        Settings["AuthJwt:PasswordHashing:MemoryKiB"] = "1024";
        Settings["AuthJwt:PasswordHashing:Iterations"] = "1";
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "data", "auth.db");

    public string KeysPath => Path.Combine(Root, "keys");

    /// <summary>Configuration for this app; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set to drive the app's clock; null keeps the system clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
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
