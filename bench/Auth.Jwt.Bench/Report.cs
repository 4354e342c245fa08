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

    /// <summary>The refresh grant per storage provider, CPU per request beside throughput.</summary>
    public void Providers(IReadOnlyList<ProviderRun> runs, bool postgresSkipped)
    {
        const string format = "{0,-10} {1,-18} {2,6} {3,6} {4,8} {5,8} {6,8} {7,10} {8,11} {9,9}";
        output.WriteLine();
        output.WriteLine("refresh grant by storage provider: CPU per request in us, the server's and (postgres) every postgres process's on this machine");
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, format, "provider", "load", "reqs", "200s", "p50 ms", "p99 ms", "req/s", "server us", "database us", "total us"));
        foreach (var run in runs)
        {
            var count = Math.Max(run.Samples.Count, 1);
            var server = run.ServerCpu.TotalMicroseconds / count;
            var database = run.DatabaseCpu?.TotalMicroseconds / count;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, format,
                run.Provider,
                run.Load,
                run.Samples.Count,
                run.Samples.CountOf(Samples.Ok),
                Millis(run.Samples.Percentile(50)),
                Millis(run.Samples.Percentile(99)),
                run.Samples.PerSecond.ToString("F1", CultureInfo.InvariantCulture),
                server.ToString("F0", CultureInfo.InvariantCulture),
                database?.ToString("F0", CultureInfo.InvariantCulture) ?? (run.Provider == "litedb" ? "in process" : "not local"),
                (server + (database ?? 0)).ToString("F0", CultureInfo.InvariantCulture)));
        }

        if (postgresSkipped)
        {
            output.WriteLine("postgres: not run; pass --postgres 'Host=...' (make bench passes AUTHJWT_TEST_POSTGRES, which .ci/postgres prints)");
        }
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
