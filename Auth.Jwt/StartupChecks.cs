using Auth.Jwt.Keys;
using Auth.Jwt.Storage;

namespace Auth.Jwt;

/// <summary>Opens the database and loads the keys at start: a bad file or key stops the process, not the first request.</summary>
public sealed class StartupChecks(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<AuthDatabase>();
        // Loads the denylist into memory before the first request.
        _ = services.GetRequiredService<Tokens.RevocationList>();
        services.GetRequiredService<SigningKeys>().StartWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
