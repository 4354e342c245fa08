using System.Globalization;

namespace Auth.Jwt.Bench;

/// <summary>Resident memory of another process, from <c>/proc/PID/status</c> (Linux only).</summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set size.</summary>
    public static long RssBytes(int pid) => Read(pid, "VmRSS:");

    /// <summary>The high-water mark of the resident set over the whole life of the process.</summary>
    public static long HighWaterMarkBytes(int pid) => Read(pid, "VmHWM:");

    /// <summary>Samples the RSS every <paramref name="interval"/> until <paramref name="stop"/>; returns the largest seen.</summary>
    public static async Task<long> SampleMaxRssAsync(int pid, TimeSpan interval, CancellationToken stop)
    {
        var max = RssBytes(pid);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                max = Math.Max(max, RssBytes(pid));
            }
        }
        catch (OperationCanceledException)
        {
            // The stop signal: the sampled maximum is the answer.
        }

        return Math.Max(max, RssBytes(pid));
    }

    private static long Read(int pid, string field)
    {
        // Lines look like "VmRSS:\t  127672 kB".
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kib = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
