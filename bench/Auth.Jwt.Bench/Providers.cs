namespace Auth.Jwt.Bench;

/// <summary>One provider's refresh-grant figures: the latencies, and the CPU it cost the server and the database.</summary>
internal sealed record ProviderRun(string Provider, string Load, Samples Samples, TimeSpan ServerCpu, TimeSpan? DatabaseCpu);

/// <summary>
/// The refresh grant on each storage provider, side by side: a fresh server per provider, the same users,
/// one chain at a time and then one chain per user in parallel. With PostgreSQL the database's own CPU is
/// counted too (every postgres process on this machine), since the work moved there.
/// </summary>
internal static class Providers
{
    private const int ParallelChains = 8;
    private const int SequentialGrants = 400;
    private const int ParallelGrants = 1600;

    public static async Task<IReadOnlyList<ProviderRun>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = new List<ProviderRun>();
        runs.AddRange(await MeasureAsync(options, "litedb", ServerProcess.LiteDb, countDatabase: false, cancellationToken));
        if (options.Postgres is { } server)
        {
            await using var schema = await PostgresSchema.CreateAsync(server, cancellationToken);
            runs.AddRange(await MeasureAsync(options, "postgres", schema.Settings, countDatabase: schema.IsLocal, cancellationToken));
        }

        return runs;
    }

    private static async Task<ProviderRun[]> MeasureAsync(
        BenchOptions options, string provider, IReadOnlyDictionary<string, string> settings, bool countDatabase, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(options, settings, cancellationToken);
        using var http = AuthApi.CreateHttpClient(server.BaseAddress);
        var api = new AuthApi(http, server.ClientId);
        var users = Enumerable.Range(0, ParallelChains + 1).Select(i => $"provider-user-{i}").ToArray();
        await Task.WhenAll(users.Select(user => api.SignUpAsync(user, cancellationToken)));
        var tokens = await Task.WhenAll(users.Select(user => api.LogInAsync(user, cancellationToken)));

        var one = new RefreshChains(api, [tokens[0].RefreshToken]);
        var many = new RefreshChains(api, tokens[1..].Select(t => t.RefreshToken));
        // Tiered JIT recompiles hot methods in the background for a while after the first calls; keep that,
        // the connection pool's growth and the first prepared statements out of the numbers.
        _ = await many.RotateAsync(400, cancellationToken);
        _ = await one.RotateAsync(100, cancellationToken);

        return
        [
            await MeasureAsync(provider, "1 chain", server.Pid, countDatabase, () => one.RotateAsync(SequentialGrants, cancellationToken)),
            await MeasureAsync(provider, $"{ParallelChains} chains at once", server.Pid, countDatabase, () => many.RotateAsync(ParallelGrants, cancellationToken)),
        ];
    }

    private static async Task<ProviderRun> MeasureAsync(string provider, string load, int serverPid, bool countDatabase, Func<Task<Samples>> run)
    {
        var serverBefore = ProcessCpu.Of(serverPid);
        var databaseBefore = countDatabase ? ProcessCpu.OfPostgresServer() : TimeSpan.Zero;
        var samples = await run();
        var serverCpu = ProcessCpu.Of(serverPid) - serverBefore;
        TimeSpan? databaseCpu = countDatabase ? ProcessCpu.OfPostgresServer() - databaseBefore : null;
        return new ProviderRun(provider, load, samples, serverCpu, databaseCpu);
    }
}
