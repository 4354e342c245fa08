using System.Diagnostics;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>The real binary as an operator runs it: <c>dotnet Auth.Jwt.dll ...</c> from a folder of their choosing.</summary>
public static class CliProcess
{
    public static string AppPath => typeof(Program).Assembly.Location;

    public static Task<CliResult> RunAsync(string workingDirectory, string? stdin, params string[] args) =>
        RunAsync(workingDirectory, stdin, new Dictionary<string, string>(), args);

    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="stdin">What it reads (a password).</param>
    /// <param name="settings">Configuration given through the environment (<c>AuthJwt__Section__Key</c>).</param>
    /// <param name="args">The command line.</param>
    public static async Task<CliResult> RunAsync(string workingDirectory, string? stdin, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test gives: no AuthJwt settings leak in from the environment running the tests.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("AuthJwt", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
