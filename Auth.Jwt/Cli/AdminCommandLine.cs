using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Cli;

/// <summary>
/// The admin command line of the same binary (DESIGN.md 9). It registers the same services as the
/// server, from the same configuration sources, so both open storage and keys the same way.
/// Exit codes: 0 success, 1 failure, 2 bad usage.
/// </summary>
public static class AdminCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    private static readonly string[] CommandGroups = ["apps", "keys", "tokens"];

    public static bool Handles(string[] args) =>
        args.Length > 0 && (CommandGroups.Contains(args[0], StringComparer.Ordinal) || args[0] is "--help" or "-h" or "-?");

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        using var context = new CliContext(configuration, output, error);

        var root = new RootCommand("Auth.Jwt: a self-contained OAuth2 token service. Run with no command (or 'serve') to start the server.")
        {
            AppsCommands.Create(context),
            KeysCommands.Create(context),
            TokensCommands.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help for usage.");
            return Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or StartupException or IOException or LiteDB.LiteException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return Failure;
        }
    }
}

/// <summary>What every command needs: services built on first use (so --help opens nothing) and the writers.</summary>
public sealed class CliContext(IConfiguration configuration, TextWriter output, TextWriter error) : IDisposable
{
    private ServiceProvider? _services;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public T Get<T>() where T : notnull
    {
        if (_services is null)
        {
            _services = new ServiceCollection()
                .AddLogging(logging => logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning))
                .AddAuthJwt(configuration)
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            // The same start-up validation as the server: bad configuration stops here, naming the key.
            _services.GetService<IStartupValidator>()?.Validate();
        }

        return _services.GetRequiredService<T>();
    }

    public void Dispose() => _services?.Dispose();
}
