namespace Auth.Jwt.Bench;

/// <summary>The latencies and outcome labels of one scenario. Thread-safe; percentiles by nearest rank.</summary>
internal sealed class Samples
{
    public const string Ok = "200";

    private readonly Lock _lock = new();
    private readonly List<double> _millis = [];
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Wall-clock time of the whole scenario, for throughput.</summary>
    public TimeSpan Elapsed { get; set; }

    public int Count
    {
        get { lock (_lock) { return _millis.Count; } }
    }

    public double PerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    public void Add(TimeSpan latency, string outcome)
    {
        lock (_lock)
        {
            _millis.Add(latency.TotalMilliseconds);
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    public int CountOf(string outcome)
    {
        lock (_lock)
        {
            return _outcomes.GetValueOrDefault(outcome);
        }
    }

    /// <summary>Counts per outcome other than those listed.</summary>
    public int CountExcept(params string[] outcomes)
    {
        lock (_lock)
        {
            return _outcomes.Where(o => !outcomes.Contains(o.Key)).Sum(o => o.Value);
        }
    }

    /// <summary>Milliseconds at percentile <paramref name="p"/> (0 to 100); NaN when empty.</summary>
    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_millis.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _millis.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    /// <summary>For example "200 x396, 503+Retry-After x4".</summary>
    public string Outcomes()
    {
        lock (_lock)
        {
            return string.Join(", ", _outcomes.Select(o => $"{o.Key} x{o.Value}"));
        }
    }
}
