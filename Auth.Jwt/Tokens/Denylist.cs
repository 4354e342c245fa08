using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

public sealed class DenylistOptions
{
    public const string Section = "AuthJwt:Denylist";

    /// <summary>How often revocations written by other processes are read from the store: the bound on seeing them.</summary>
    [Range(1, 300)]
    public int RefreshSeconds { get; set; } = 2;
}

[OptionsValidator]
public sealed partial class DenylistOptionsValidator : IValidateOptions<DenylistOptions>;

/// <summary>
/// The denylist of DESIGN.md 4, held in memory so that checking a token costs no database read. Every
/// entry is written to the store first; entries other processes write are read back every few seconds.
/// </summary>
public sealed partial class Denylist(IRevocationStore store, IOptions<DenylistOptions> options, TimeProvider time, ILogger<Denylist> logger) : BackgroundService
{
    // Re-read a little of what was read before: a write committed late, or stamped by a clock slightly behind ours.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger;
    private DateTimeOffset _readUpTo;
    private PeriodicTimer? _timer;

    public int Count => _revoked.Count;

    /// <summary>The start step: every entry still in force.</summary>
    public void Load()
    {
        var now = time.GetUtcNow();
        Remember(store.ListUnexpired(now), now);
        _readUpTo = now;
    }

    /// <summary>Reads what was written since the last read, by this process or another.</summary>
    public void RefreshNow()
    {
        var now = time.GetUtcNow();
        Remember(store.ListRecordedSince(_readUpTo - Overlap), now);
        _readUpTo = now;
    }

    public void AddFamily(string familyId, DateTimeOffset expiresAt) => Add("sid:" + familyId, expiresAt);

    public void AddAccessToken(string jti, DateTimeOffset expiresAt) => Add("jti:" + jti, expiresAt);

    public bool IsRevoked(string? familyId, string? jti) =>
        (familyId is not null && _revoked.ContainsKey("sid:" + familyId))
        || (jti is not null && _revoked.ContainsKey("jti:" + jti));

    /// <summary>Drops entries whose tokens have all expired, from memory and the store.</summary>
    public int Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiresAt <= now)
            {
                _revoked.TryRemove(id, out _);
            }
        }

        return store.DeleteExpired(now);
    }

    /// <summary>The interval starts with the start step, not whenever the background task is first scheduled.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _timer ?? throw new InvalidOperationException("The denylist was not started.");
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                RefreshNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RefreshFailed(e);
            }
        }
    }

    private void Add(string id, DateTimeOffset expiresAt)
    {
        // The store first: an entry only in memory would be forgotten by a restart and unseen by other processes.
        store.Put(new Revocation { Id = id, ExpiresAt = expiresAt, RecordedAt = time.GetUtcNow() });
        _revoked.AddOrUpdate(id, expiresAt, (_, known) => known > expiresAt ? known : expiresAt);
    }

    private void Remember(IEnumerable<Revocation> revocations, DateTimeOffset now)
    {
        foreach (var revocation in revocations)
        {
            if (revocation.ExpiresAt > now)
            {
                _revoked.AddOrUpdate(revocation.Id, revocation.ExpiresAt, (_, known) => known > revocation.ExpiresAt ? known : revocation.ExpiresAt);
            }
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Reading the denylist from the store failed; it is retried at the next interval")]
    private partial void RefreshFailed(Exception exception);
}
