using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Storage;

namespace Auth.Jwt;

/// <summary>
/// The explicit start step (no constructor does I/O): opens the database, loads the denylist and the keys,
/// so a bad file or key stops the process, not the first request. Tells a new operator how to create the
/// first application.
/// </summary>
public sealed partial class StartupChecks(IServiceProvider services, ILogger<StartupChecks> logger) : IHostedService
{
    private readonly ILogger _logger = logger;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        OpenStorage(services);
        Cli.Admin.AdminSocket.RemoveStale(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value);
        services.GetRequiredService<SigningKeys>().Start();
        if (services.GetRequiredService<IClientStore>().ListAll().Count == 0)
        {
            NoApplicationYet(CommandName());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the server and a command line working on the data itself both need before the first store call.</summary>
    public static void OpenStorage(IServiceProvider services)
    {
        services.GetRequiredService<IStorage>().Open();
        services.GetRequiredService<Tokens.Denylist>().Load();
    }

    /// <summary>How this binary is started here: the published executable, or <c>dotnet Auth.Jwt.dll</c>.</summary>
    private static string CommandName()
    {
        // The entry path: Auth.Jwt.dll under `dotnet`, the executable itself when published.
        var entry = Path.GetRelativePath(Environment.CurrentDirectory, Environment.GetCommandLineArgs()[0]);
        if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return $"dotnet {entry}";
        }

        return entry.Contains('/') ? entry : "./" + entry;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "No OAuth application exists yet, so nobody can log in. Create one (while this server runs):\n    {Command} apps add --name \"My App\" --client-type public")]
    private partial void NoApplicationYet(string command);
}
