namespace Auth.Jwt.Bench;

/// <summary>The whole run: start the server, seed users, measure each scenario, then the flood and its targets.</summary>
internal static class Bench
{
    private const int UserCount = 8;
    private const long PeakRssLimitBytes = 400_000_000;

    /// <returns>0 when every target passes, 1 otherwise.</returns>
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(options, ServerProcess.LiteDb, cancellationToken);
        using var http = AuthApi.CreateHttpClient(server.BaseAddress);
        using var probeHttp = AuthApi.CreateHttpClient(server.BaseAddress);
        var api = new AuthApi(http, server.ClientId);

        var users = Enumerable.Range(0, UserCount).Select(i => $"bench-user-{i}").ToArray();
        await Task.WhenAll(users.Select(user => api.SignUpAsync(user, cancellationToken)));
        var tokens = await Task.WhenAll(users.Select(user => api.LogInAsync(user, cancellationToken)));
        var scenarios = new Scenarios(api, users, tokens);
        await scenarios.WarmUpAsync(cancellationToken);

        var report = new Report(output);
        report.Header($"Auth.Jwt bench: server pid {server.Pid} on {server.BaseAddress}, {Environment.ProcessorCount} cores, " +
            $"Argon2id at the defaults in code (m=19456 KiB, t=2, p=1), {UserCount} users, load average {LoadAverage()}");

        var steady = new List<Samples>();
        foreach (var (name, run) in Steady(scenarios))
        {
            var samples = await run(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            report.Row(name, samples);
            steady.Add(samples);
        }

        // The probe's token comes from a login the refresh chain never touched.
        var flood = await Flood.RunAsync(api, new AuthApi(probeHttp, server.ClientId), server.Pid, users, tokens[^1].AccessToken, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        report.Row($"flood: password grant, {Flood.InFlight} in flight", flood.Grants);
        report.Row("flood: GET /users/me/ alongside", flood.Probe);
        report.FloodSummary(flood);

        var providers = await Providers.RunAsync(options, cancellationToken);
        report.Providers(providers, postgresSkipped: options.Postgres is null);

        var targets = Judge(steady, flood, providers);
        report.Targets(targets);
        return targets.All(t => t.Passed) ? 0 : 1;
    }

    private static (string Name, Func<CancellationToken, Task<Samples>> Run)[] Steady(Scenarios scenarios) =>
    [
        ("password grant, sequential", c => scenarios.PasswordGrantsAsync(10, 1, c)),
        ("password grant, 8 concurrent", c => scenarios.PasswordGrantsAsync(48, 8, c)),
        ("GET /users/me/, 16 concurrent, 5 s", c => scenarios.MeAsync(TimeSpan.FromSeconds(5), 16, c)),
        ("refresh grant, sequential", c => scenarios.RefreshesAsync(200, c)),
    ];

    // The bench shares the cores with the server and anything else running: a busy machine explains slow numbers.
    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    private static Target[] Judge(List<Samples> steady, FloodResult flood, IReadOnlyList<ProviderRun> providers)
    {
        var providerCount = providers.Sum(p => p.Samples.Count);
        var providerOk = providers.Sum(p => p.Samples.CountOf(Samples.Ok));
        var steadyCount = steady.Sum(s => s.Count);
        var steadyOk = steady.Sum(s => s.CountOf(Samples.Ok));
        var probeOk = flood.Probe.CountOf(Samples.Ok);
        var grantsOther = flood.Grants.CountExcept(Samples.Ok, "503+Retry-After");
        return
        [
            // Latencies of errors would measure the wrong thing, so the steady numbers count only if all succeeded.
            new("every request before the flood answered 200", steadyOk == steadyCount, $"{steadyOk} of {steadyCount}"),
            new("every GET /users/me/ answered 200 during the flood", probeOk > 0 && probeOk == flood.Probe.Count,
                $"{probeOk} of {flood.Probe.Count}"),
            new("server peak RSS < 400 MB", flood.PeakRssBytes < PeakRssLimitBytes,
                $"{Report.Megabytes(flood.PeakRssBytes)}"),
            new("every flood password grant answered 200, or 503 with Retry-After", grantsOther == 0 && flood.Grants.Count == Flood.Requests,
                $"{flood.Grants.Count - grantsOther} of {Flood.Requests} sent ({flood.Grants.Outcomes()})"),
            new("every refresh grant of the provider comparison answered 200", providerOk == providerCount,
                $"{providerOk} of {providerCount} ({string.Join(", ", providers.Select(p => p.Provider).Distinct())})"),
        ];
    }
}
