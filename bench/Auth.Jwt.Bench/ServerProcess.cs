using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Auth.Jwt.Bench;

/// <summary>
/// The real Auth.Jwt binary in a fresh temp folder (its data/ and keys/ land there), on loopback.
/// Disposing kills the server and deletes the folder.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int LogLinesKept = 40;

    private readonly BenchOptions _options;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly DirectoryInfo _folder;
    private readonly Queue<string> _log = new();
    private Process? _server;

    private ServerProcess(BenchOptions options, IReadOnlyDictionary<string, string> settings, DirectoryInfo folder, int port)
    {
        _options = options;
        _settings = settings;
        _folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The embedded default: the LiteDB file and keys/ in the temp folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> LiteDb = new Dictionary<string, string>();

    public Uri BaseAddress { get; }

    public string ClientId { get; private set; } = "";

    public int Pid => _server?.Id ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>
    /// Creates the public client with the CLI, then starts the server and waits for /healthz. Both run
    /// the defaults in code plus <paramref name="settings"/> (environment variables such as <c>AuthJwt__Storage__Provider</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(BenchOptions options, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.AppDll))
        {
            throw new FileNotFoundException($"{options.AppDll} not found; build the app in Release first (make bench does).");
        }

        var server = new ServerProcess(options, settings, Directory.CreateTempSubdirectory("auth-jwt-bench-"), options.Port == 0 ? FreeLoopbackPort() : options.Port);
        try
        {
            // The CLI cannot open the database while a server holds it, so the client comes first.
            server.ClientId = await server.AddPublicClientAsync(cancellationToken);
            server.Launch();
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync();
            server.Dispose();
            _server = null;
        }

        _folder.Delete(recursive: true);
    }

    private async Task<string> AddPublicClientAsync(CancellationToken cancellationToken)
    {
        using var cli = Process.Start(StartInfo("apps", "add", "--name", "bench", "--client-type", "public", "--json"))
            ?? throw new InvalidOperationException("Could not start the Auth.Jwt CLI.");
        var stdout = cli.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = cli.StandardError.ReadToEndAsync(cancellationToken);
        await cli.WaitForExitAsync(cancellationToken);
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"apps add exited with {cli.ExitCode}: {await stderr}");
        }

        // {"client_id":"...","client_secret":null}
        using var json = JsonDocument.Parse(await stdout);
        return json.RootElement.GetProperty("client_id").GetString()
            ?? throw new InvalidOperationException("apps add printed no client_id.");
    }

    private void Launch()
    {
        var start = StartInfo("--urls", BaseAddress.ToString().TrimEnd('/'));
        // Turns login throttling off once it lands, so the flood measures hashing, not back-off.
        start.Environment["AuthJwt__Throttling__Enabled"] = "false";
        _server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Auth.Jwt server.");
        // Drain both pipes, or a chatty server blocks on a full pipe; keep the tail for error messages.
        _server.OutputDataReceived += (_, e) => Remember(e.Data);
        _server.ErrorDataReceived += (_, e) => Remember(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_server.ExitCode} before it was healthy:\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer during start-up; try again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"GET /healthz did not answer 200 within 30 s:\n{LogTail()}");
    }

    private ProcessStartInfo StartInfo(params string[] appArguments)
    {
        var start = new ProcessStartInfo(_options.DotnetHost)
        {
            WorkingDirectory = _folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Settings inherited from the caller's shell would skew the numbers: the bench measures the defaults in code.
        foreach (var name in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in _settings)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(_options.AppDll);
        foreach (var argument in appArguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static bool IsAppSetting(string name) =>
        name.StartsWith("AuthJwt__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("URLS", StringComparison.OrdinalIgnoreCase);

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > LogLinesKept)
            {
                _log.Dequeue();
            }
        }
    }

    private string LogTail()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
    }

    // Asks the OS for a free loopback port; the tiny race until the server binds it is acceptable here.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
