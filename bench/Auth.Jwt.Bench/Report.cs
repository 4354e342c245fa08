using System.Globalization;

namespace Auth.Jwt.Bench;

internal sealed record Target(string Description, bool Passed, string Detail);

/// <summary>Fixed-width text for a terminal or a README; invariant culture so numbers read the same everywhere.</summary>
internal sealed class Report(TextWriter output)
{
    private const string RowFormat = "{0,-40} {1,6} {2,6} {3,8} {4,8} {5,8} {6,8}  {7}";

    public void Header(string title)
    {
        output.WriteLine(title);
        output.WriteLine();
        output.WriteLine(Line("scenario", "reqs", "200s", "p50 ms", "p95 ms", "p99 ms", "req/s", "outcomes"));
    }

    public void Row(string scenario, Samples samples)
    {
        output.WriteLine(Line(
            scenario,
            samples.Count.ToString(CultureInfo.InvariantCulture),
            samples.CountOf(Samples.Ok).ToString(CultureInfo.InvariantCulture),
            Millis(samples.Percentile(50)),
            Millis(samples.Percentile(95)),
            Millis(samples.Percentile(99)),
            samples.PerSecond.ToString("F1", CultureInfo.InvariantCulture),
            samples.Outcomes()));
    }

    public void FloodSummary(FloodResult flood)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood: {Flood.Requests} password grants, {Flood.InFlight} in flight, over {flood.Elapsed.TotalSeconds:F1} s; " +
            $"server RSS before {Megabytes(flood.RssBeforeBytes)}, sampled max {Megabytes(flood.SampledMaxRssBytes)}, VmHWM {Megabytes(flood.HighWaterMarkBytes)}"));
    }

    public void Targets(IReadOnlyList<Target> targets)
    {
        output.WriteLine();
        output.WriteLine("targets");
        foreach (var target in targets)
        {
            output.WriteLine($"  {(target.Passed ? "PASS" : "FAIL")}  {target.Description}: {target.Detail}");
        }
    }

    /// <summary>Decimal megabytes, as the 400 MB target is stated.</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB");

    private static string Millis(double value) => double.IsNaN(value) ? "-" : value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Line(params object[] cells) => string.Format(CultureInfo.InvariantCulture, RowFormat, cells);
}
