using System.Diagnostics;

namespace Auth.Jwt.Bench;

/// <summary>
/// Closed-loop load: a fixed number of workers, each sending its next request as soon as the last one answers.
/// A request gets its sequence number (to pick a user or token) and returns an outcome label.
/// </summary>
internal static class Load
{
    /// <summary>Sends exactly <paramref name="total"/> requests, <paramref name="concurrency"/> at a time, unless cancelled first.</summary>
    public static async Task<Samples> CountAsync(int total, int concurrency, Func<int, CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        var samples = new Samples();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total && !cancellationToken.IsCancellationRequested)
            {
                await MeasureAsync(samples, send, i, cancellationToken);
            }
        }));
        samples.Elapsed = clock.Elapsed;
        return samples;
    }

    /// <summary>
    /// Sends requests, <paramref name="concurrency"/> at a time, until <paramref name="stop"/>; requests in flight
    /// then finish (bounded by <paramref name="cancellationToken"/>), so the last ones are measured too.
    /// </summary>
    public static async Task<Samples> UntilAsync(CancellationToken stop, int concurrency, Func<int, CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        var samples = new Samples();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                await MeasureAsync(samples, send, i, cancellationToken);
            }
        }));
        samples.Elapsed = clock.Elapsed;
        return samples;
    }

    // A failed request is an outcome too: the flood must count it, not crash on it.
    private static async Task MeasureAsync(Samples samples, Func<int, CancellationToken, Task<string>> send, int i, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            outcome = await send(i, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            outcome = $"error ({e.HttpRequestError})";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled (time cap)";
        }
        catch (TaskCanceledException)
        {
            outcome = "client timeout";
        }

        samples.Add(Stopwatch.GetElapsedTime(start), outcome);
    }
}
