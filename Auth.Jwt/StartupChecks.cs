using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Storage;

namespace Auth.Jwt;

/// <summary>
/// Opens the database, loads the denylist and the keys at start: a bad file or key stops the process,
/// not the first request. Tells a new operator how to create the first application.
/// </summary>
public sealed partial class StartupChecks(IServiceProvider services, ILogger<StartupChecks> logger) : IHostedService
{
    private readonly ILogger _logger = logger;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<AuthDatabase>();
        _ = services.GetRequiredService<Tokens.RevocationList>();
        services.GetRequiredService<SigningKeys>().StartWatching();
        if (services.GetRequiredService<ClientStore>().All().Count == 0)
        {
            NoApplicationYet(CommandName());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
