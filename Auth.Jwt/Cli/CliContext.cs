using Auth.Jwt.Cli.Admin;
using Auth.Jwt.Storage;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Cli;

/// <summary>What every command needs: the admin API (found on first use), the writers, and a way to read a password.</summary>
public sealed class CliContext(IConfiguration configuration, TextWriter output, TextWriter error, TextReader input, TimeSpan serverStartWait) : IAsyncDisposable
{
    /// <summary>How long a command waits for a server that holds the data but does not answer yet (it is starting).</summary>
    public static readonly TimeSpan DefaultServerStartWait = TimeSpan.FromSeconds(10);

    private ServiceProvider? _local;
    private AdminHttpClient? _remote;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>
    /// The data's own process: this one when the database is free (opened and locked here), else the
    /// server holding it, over its socket. A server still starting is waited for; anything else is one line and exit 1.
    /// </summary>
    public async Task<IAdminApi> AdminAsync(DataNeed need, CancellationToken cancellationToken)
    {
        if (_remote is not null || _local is not null)
        {
            return (IAdminApi?)_remote ?? _local!.GetRequiredService<AdminOperations>();
        }

        var local = BuildLocalServices();
        var storage = local.GetRequiredService<IStorage>();
        var socketPath = local.GetRequiredService<IOptions<StorageOptions>>().Value.AdminSocketFullPath;
        var deadline = DateTime.UtcNow + serverStartWait;
        var announced = false;
        while (true)
        {
            if (!storage.Exists && need == DataNeed.KeysFolderOnly)
            {
                // No data here, so no server on it: the keys folder is all the command changes.
                _local = local;
                return local.GetRequiredService<AdminOperations>();
            }

            if (!storage.Exists)
            {
                // A server creates its database when it starts: with none here, no server runs on this data.
                if (need != DataNeed.MayCreate)
                {
                    await local.DisposeAsync();
                    throw new AdminUnreachableException($"no database at {storage.Location} (and no server on it); run this where the server runs, or set AuthJwt:Storage:DatabasePath");
                }

                if (!announced)
                {
                    await Error.WriteLineAsync($"creating a new database at {storage.Location}");
                    announced = true;
                }
            }

            try
            {
                StartupChecks.OpenStorage(local);
                _local = local;
                return local.GetRequiredService<AdminOperations>();
            }
            catch (DatabaseInUseException)
            {
                if (await AdminHttpClient.TryConnectAsync(socketPath, cancellationToken) is { } connected)
                {
                    return Remote(local, socketPath, connected);
                }

                if (DateTime.UtcNow > deadline)
                {
                    await local.DisposeAsync();
                    throw new AdminUnreachableException($"{storage.Location} is in use by another process, and no server answers at {socketPath}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A password: one line of stdin when it is redirected, or typed at a prompt without echo.
    /// </summary>
    public string ReadSecret()
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine() ?? "";
        }

        Error.Write("Password: ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Error.WriteLine();
        return typed.ToString();
    }

    /// <summary>Prints a refusal as one line and exits 1, or the answer with <paramref name="print"/> and exits 0.</summary>
    public int Report<T>(AdminResult<T> result, Action<T> print)
    {
        if (result.Failure is { } failure)
        {
            Error.WriteLine($"error: {failure.Error}");
            return AdminCommandLine.Failure;
        }

        print(result.Value!);
        return AdminCommandLine.Success;
    }

    public void WriteJson<T>(T value) => Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, AdminJson.Options));

    public void WriteDone(Done done) => Output.WriteLine(done.Message);

    public async ValueTask DisposeAsync()
    {
        _remote?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    private AdminHttpClient Remote(ServiceProvider local, string socketPath, System.Net.Sockets.Socket connected)
    {
        // Only the configuration was needed to find the server; nothing was opened.
        local.Dispose();
        _remote = new AdminHttpClient(socketPath, connected);
        return _remote;
    }

    private ServiceProvider BuildLocalServices()
    {
        var services = new ServiceCollection()
            // Logs go to stderr, so stdout carries only the command's output (--json stays parseable).
            .AddLogging(logging => logging
                .AddSimpleConsole()
                .AddFilter(level => level >= LogLevel.Warning)
                .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddAuthJwt(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            // The same start-up validation as the server: bad configuration stops here, naming the key.
            services.GetService<IStartupValidator>()?.Validate();
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }
}
