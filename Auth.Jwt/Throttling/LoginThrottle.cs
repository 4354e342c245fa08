using System.Collections.Concurrent;
using Auth.Jwt.Accounts;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Throttling;

/// <summary>
/// Exponential back-off on failed password grants, per username (whether or not it exists, so the
/// throttle reveals nothing) and per client IP. Not a lockout: a victim's account opens again after
/// the back-off, so nobody can lock anyone out for long. A throttled attempt never reaches Argon2.
/// </summary>
public sealed class LoginThrottle(IOptions<ThrottlingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly ThrottlingOptions _options = options.Value;

    /// <summary>How long the caller must wait before trying this username from this IP; null: go ahead.</summary>
    public TimeSpan? RetryAfter(string username, string? ip)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var wait = new[] { Wait(UsernameKey(username), now), ip is null ? TimeSpan.Zero : Wait(IpKey(ip), now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string username, string? ip)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        Record(UsernameKey(username), _options.FreeFailuresPerUsername, now);
        if (ip is not null)
        {
            Record(IpKey(ip), _options.FreeFailuresPerIp, now);
        }
    }

    /// <summary>A success clears the username's failures (not the IP's: one good password must not launder a stuffing run).</summary>
    public void Succeeded(string username) => _failures.TryRemove(UsernameKey(username), out _);

    public int TrackedKeys => _failures.Count;

    private TimeSpan Wait(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.BlockedUntil > now ? failures.BlockedUntil - now : TimeSpan.Zero;

    private void Record(string key, int free, DateTimeOffset now)
    {
        if (_failures.Count >= _options.MaxTrackedKeys && !_failures.ContainsKey(key))
        {
            Prune(now);
            if (_failures.Count >= _options.MaxTrackedKeys)
            {
                // Full of live entries: memory stays bounded; the per-IP limit still holds the sprayer.
                return;
            }
        }

        _failures.AddOrUpdate(
            key,
            _ => Next(new Failures(0, now, DateTimeOffset.MinValue), free, now),
            // The count starts over only after a whole window with no failure, so waiting out each back-off never resets it.
            (_, current) => Next(now - current.LastFailure > Window ? new Failures(0, now, DateTimeOffset.MinValue) : current, free, now));
    }

    private Failures Next(Failures current, int free, DateTimeOffset now)
    {
        var count = current.Count + 1;
        if (count <= free)
        {
            return new Failures(count, now, current.BlockedUntil);
        }

        // 1 s, 2 s, 4 s ... up to the cap, for each failure past the free ones.
        var exponent = Math.Min(count - free - 1, 30);
        var backoff = TimeSpan.FromSeconds(Math.Min(_options.BackoffInitialSeconds * Math.Pow(2, exponent), _options.BackoffMaxSeconds));
        return new Failures(count, now, now + backoff);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (failures.BlockedUntil <= now && now - failures.LastFailure > Window)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private TimeSpan Window => TimeSpan.FromSeconds(_options.FailureWindowSeconds);

    // Keyed by a digest of the normalised name: any case of one name is one key, and memory per key is fixed.
    private static string UsernameKey(string username) => "u:" + Secrets.Digest(UsernameRules.Normalize(username));

    private static string IpKey(string ip) => "ip:" + ip;

    private sealed record Failures(int Count, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
