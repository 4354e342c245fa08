namespace Auth.Jwt.Bench;

internal sealed record FloodResult(Samples Grants, Samples Probe, TimeSpan Elapsed, long RssBeforeBytes, long SampledMaxRssBytes, long HighWaterMarkBytes)
{
    /// <summary>
    /// The kernel keeps RSS counters per thread and folds them in lazily, so VmHWM can trail a sample
    /// by a few hundred KB; the larger of the two is the honest peak.
    /// </summary>
    public long PeakRssBytes => Math.Max(SampledMaxRssBytes, HighWaterMarkBytes);
}

/// <summary>
/// Many more password grants than the server can hash at once, while one client keeps calling
/// GET /users/me/: the Argon2 bound must keep the cheap calls answering and the memory flat.
/// </summary>
internal static class Flood
{
    public const int Requests = 400;
    public const int InFlight = 200;
    public static readonly TimeSpan TimeCap = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RssSampleInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<FloodResult> RunAsync(AuthApi grants, AuthApi probe, int serverPid, IReadOnlyList<string> users, string accessToken, CancellationToken cancellationToken)
    {
        var rssBefore = ProcessMemory.RssBytes(serverPid);
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(TimeCap);
        using var floodOver = new CancellationTokenSource();

        var sampling = ProcessMemory.SampleMaxRssAsync(serverPid, RssSampleInterval, floodOver.Token);
        var probing = Load.UntilAsync(floodOver.Token, 1, (_, c) => probe.MeAsync(accessToken, c), cap.Token);
        Samples flood;
        try
        {
            flood = await Load.CountAsync(Requests, InFlight, (i, c) => grants.PasswordGrantAsync(users[i % users.Count], c), cap.Token);
        }
        finally
        {
            await floodOver.CancelAsync();
        }

        var probed = await probing;
        var sampledMax = await sampling;
        return new FloodResult(flood, probed, flood.Elapsed, rssBefore, sampledMax, ProcessMemory.HighWaterMarkBytes(serverPid));
    }
}
