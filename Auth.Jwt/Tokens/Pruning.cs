using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

public sealed class PruningOptions
{
    public const string Section = "AuthJwt:Pruning";

    /// <summary>How often expired refresh tokens and denylist entries are deleted.</summary>
    [Range(1, 24 * 3600)]
    public int IntervalSeconds { get; set; } = 600;
}

[OptionsValidator]
public sealed partial class PruningOptionsValidator : IValidateOptions<PruningOptions>;

/// <summary>Keeps the store from growing without bound: expired refresh tokens and spent denylist entries go.</summary>
public sealed partial class Pruning(
    IRefreshTokenStore refreshTokens,
    Denylist denylist,
    IOptions<PruningOptions> options,
    TimeProvider time,
    ILogger<Pruning> logger) : BackgroundService
{
    private readonly ILogger _logger = logger;

    public (int RefreshTokens, int Revocations) PruneNow()
    {
        var pruned = (refreshTokens.DeleteExpired(time.GetUtcNow()), denylist.Prune());
        if (pruned.Item1 + pruned.Item2 > 0)
        {
            Pruned(pruned.Item1, pruned.Item2);
        }

        return pruned;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // How often to look is real time; what has expired is judged by the service's clock.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                PruneNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PruneFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Pruned {RefreshTokens} expired refresh tokens and {Revocations} spent denylist entries")]
    private partial void Pruned(int refreshTokens, int revocations);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Pruning failed; it is retried at the next interval")]
    private partial void PruneFailed(Exception exception);
}
