using System.Net;
using Auth.Jwt.Accounts;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Throttling;

/// <summary>
/// Exponential back-off on failed password checks, per username (whether or not it exists, so the
/// throttle reveals nothing) and per client IP. Not a lockout: a victim's account opens again after
/// the back-off, so nobody can lock anyone out for long. A throttled attempt never reaches Argon2.
/// An attempt counts as failed from the moment it starts and is taken back on success, so a burst of
/// parallel guesses cannot all slip past the check before the first one fails.
/// </summary>
public sealed class LoginThrottle(IOptions<ThrottlingOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ThrottlingOptions _options = options.Value;

    /// <summary>Starts an attempt: the wait to report when throttled (nothing recorded), else null and the attempt counts as a failure.</summary>
    public TimeSpan? Begin(string username, string? ip)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var keys = Keys(username, ip);
        lock (_lock)
        {
            var wait = keys.Select(key => Wait(key.Key, now)).Max();
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            foreach (var (key, free) in keys)
            {
                Record(key, free, now);
            }

            return null;
        }
    }

    /// <summary>The attempt succeeded: the username's failures are cleared; the IP's pending count is taken back.</summary>
    public void Succeeded(string username, string? ip)
    {
        if (!_options.Enabled)
        {
            return;
        }

        lock (_lock)
        {
            _failures.Remove(UsernameKey(username));
            if (ip is not null && _failures.TryGetValue(IpKey(ip), out var failures))
            {
                var count = Math.Max(0, failures.Count - 1);
                _failures[IpKey(ip)] = failures with { Count = count, BlockedUntil = count <= _options.FreeFailuresPerIp ? DateTimeOffset.MinValue : failures.BlockedUntil };
            }
        }
    }

    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _failures.Count;
            }
        }
    }

    private List<(string Key, int Free)> Keys(string username, string? ip)
    {
        var keys = new List<(string, int)> { (UsernameKey(username), _options.FreeFailuresPerUsername) };
        if (ip is not null)
        {
            keys.Add((IpKey(ip), _options.FreeFailuresPerIp));
        }

        return keys;
    }

    private TimeSpan Wait(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.BlockedUntil > now ? failures.BlockedUntil - now : TimeSpan.Zero;

    private void Record(string key, int free, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var current) || now - current.LastFailure > Window)
        {
            // The count starts over only after a whole window with no failure, so waiting out each back-off never resets it.
            current = new Failures(0, now, DateTimeOffset.MinValue);
            MakeRoom(now);
        }

        var count = current.Count + 1;
        if (count <= free)
        {
            _failures[key] = new Failures(count, now, current.BlockedUntil);
            return;
        }

        // 1 s, 2 s, 4 s ... up to the cap, for each failure past the free ones.
        var exponent = Math.Min(count - free - 1, 30);
        var backoff = TimeSpan.FromSeconds(Math.Min(_options.BackoffInitialSeconds * Math.Pow(2, exponent), _options.BackoffMaxSeconds));
        _failures[key] = new Failures(count, now, now + backoff);
    }

    /// <summary>Bounds memory: drops spent entries, then the tenth least recently failed, rather than stop counting.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (_failures.Count < _options.MaxTrackedKeys)
        {
            return;
        }

        foreach (var (key, failures) in _failures.Where(f => f.Value.BlockedUntil <= now && now - f.Value.LastFailure > Window).ToList())
        {
            _failures.Remove(key);
        }

        if (_failures.Count >= _options.MaxTrackedKeys)
        {
            foreach (var key in _failures.OrderBy(f => f.Value.LastFailure).Take(_options.MaxTrackedKeys / 10).Select(f => f.Key).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private TimeSpan Window => TimeSpan.FromSeconds(_options.FailureWindowSeconds);

    // Keyed by a digest of the normalised name: any case of one name is one key, and memory per key is fixed.
    private static string UsernameKey(string username) => "u:" + Secrets.Digest(UsernameRules.Normalize(username));

    /// <summary>IPv6 by /64: one host commonly holds a whole /64, and must not get a fresh budget per address.</summary>
    private static string IpKey(string ip)
    {
        if (IPAddress.TryParse(ip, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6)
        {
            var bytes = address.GetAddressBytes();
            return "ip6:" + Convert.ToHexString(bytes, 0, 8);
        }

        return "ip:" + ip;
    }

    private sealed record Failures(int Count, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
