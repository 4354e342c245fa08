using System.Globalization;
using System.Runtime.InteropServices;

namespace Auth.Jwt.Bench;

/// <summary>
/// CPU time (user + system) of other processes, from <c>/proc/PID/stat</c> (Linux only). Per-request CPU
/// holds across runs where wall-clock latency, on a shared 2-core machine, does not.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ScClockTicks = 2; // _SC_CLK_TCK in glibc's unistd.h
    private static readonly double TicksPerSecond = sysconf(ScClockTicks);

    /// <summary>CPU time of one process and its threads so far.</summary>
    public static TimeSpan Of(int pid) => Read(pid) is { } stat ? stat.Own : throw new InvalidOperationException($"process {pid} is gone");

    /// <summary>
    /// CPU time of every process named <c>postgres</c> on this machine: the backends serving the
    /// connections, the WAL writer, the checkpointer and the rest, plus the children the postmaster has
    /// already reaped (backends and autovacuum workers that exited), so nothing that ends mid-run is lost.
    /// </summary>
    public static TimeSpan OfPostgresServer()
    {
        var total = TimeSpan.Zero;
        var stats = new List<Stat>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) && Read(pid) is { Command: "postgres" } stat)
            {
                stats.Add(stat);
            }
        }

        var pids = stats.Select(s => s.Pid).ToHashSet();
        foreach (var stat in stats)
        {
            total += stat.Own;
            // The postmaster is the one postgres process whose parent is not postgres.
            if (!pids.Contains(stat.ParentPid))
            {
                total += stat.ReapedChildren;
            }
        }

        return total;
    }

    private sealed record Stat(int Pid, string Command, int ParentPid, TimeSpan Own, TimeSpan ReapedChildren);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null; // exited since the listing
        }

        // "pid (comm) state ppid ...": comm may hold spaces or parentheses, so split after the last ')'.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime/stime 14/15, cutime/cstime 16/17.
        return new Stat(
            pid,
            text[(open + 1)..close],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            Ticks(fields[11]) + Ticks(fields[12]),
            Ticks(fields[13]) + Ticks(fields[14]));
    }

    private static TimeSpan Ticks(string field) => TimeSpan.FromSeconds(long.Parse(field, CultureInfo.InvariantCulture) / TicksPerSecond);

    [LibraryImport("libc", SetLastError = true)]
    private static partial long sysconf(int name);
}
