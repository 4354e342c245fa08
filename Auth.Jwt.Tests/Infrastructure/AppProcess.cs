using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>The real server as its own process (the build under test), on a free loopback port.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = address };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the server in <paramref name="workingDirectory"/> and returns once <c>/healthz</c> answers.</summary>
    public static async Task<AppProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliProcess.AppPath);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            // Through the environment, as a deployment would: a connection string holds ';' and '='.
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var server = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {server._process.ExitCode}: {server.Log}");
            }

            try
            {
                if ((await server.Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"the server did not answer /healthz within 60 s: {server.Log}");
    }

    /// <summary>SIGKILL: no shutdown hooks run, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
