using System.Diagnostics;
using System.Diagnostics.Metrics;
using Auth.Jwt.Security;

namespace Auth.Jwt.Telemetry;

/// <summary>The service's instruments, on the meter <c>Auth.Jwt</c> (exported at <c>/metrics</c>).</summary>
public sealed class AuthMetrics
{
    public const string MeterName = "Auth.Jwt";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _failedLogins;
    private readonly Counter<long> _reuseDetected;
    private readonly Counter<long> _revocations;
    private readonly Histogram<double> _hashDuration;

    public AuthMetrics(IMeterFactory meters, HashingGate gate)
    {
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("auth_jwt.tokens.issued", description: "Access tokens issued, by grant type.");
        _failedLogins = meter.CreateCounter<long>("auth_jwt.logins.failed", description: "Password grants refused for bad credentials.");
        _reuseDetected = meter.CreateCounter<long>("auth_jwt.refresh.reuse_detected", description: "Rotated refresh tokens replayed; each revoked its family.");
        _revocations = meter.CreateCounter<long>("auth_jwt.revocations", description: "Revocations, by what was revoked.");
        _hashDuration = meter.CreateHistogram<double>(
            "auth_jwt.argon2.duration",
            unit: "s",
            description: "Time of one Argon2id hash or verification.",
            tags: null,
            // A hash takes tens to hundreds of milliseconds: the default buckets (0 to 10,000) would put every one in the first.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        meter.CreateObservableGauge("auth_jwt.argon2.queue_length", () => gate.QueueLength, description: "Requests waiting for an Argon2 slot.");
    }

    public void TokenIssued(string grantType) => _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant", grantType));

    public void LoginFailed() => _failedLogins.Add(1);

    public void RefreshReuseDetected() => _reuseDetected.Add(1);

    public void Revoked(string kind, int count = 1) => _revocations.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void HashTimed(long startTimestamp) => _hashDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
}
