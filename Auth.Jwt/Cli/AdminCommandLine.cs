using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Cli;

/// <summary>
/// The admin command line of the same binary (DESIGN.md 9). With a server running on the same data,
/// a command is sent over the server's admin socket and runs inside it, on the server's own services,
/// so no write of either side is lost. With no server, it opens the data itself, configured by the same
/// registration list. Exit codes: 0 success, 1 failure, 2 bad usage.
/// </summary>
public static class AdminCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    /// <summary>
    /// Everything but the server goes to the command line: no arguments, <c>serve</c>, or host settings
    /// (<c>--urls ...</c>, <c>--AuthJwt:Tokens:Issuer=...</c>) start the server; a typo is a usage error, never a second server.
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && args[0] != "serve" && !IsHostSetting(args[0]);

    private static bool IsHostSetting(string arg)
    {
        var name = arg.Split('=', 2)[0];
        return name.StartsWith("--", StringComparison.Ordinal)
            && (name.Contains(':', StringComparison.Ordinal) || HostOptions.Contains(name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Runs a command typed by a person or a script.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null, TextReader? input = null)
    {
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        using var context = CliContext.Local(configuration, output, error, input ?? Console.In);
        var parsed = BuildRoot(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return await ReportUsageErrorsAsync(parsed, error);
        }

        if (!args.Any(arg => HelpFlags.Contains(arg, StringComparer.Ordinal))
            && AdminChannel.SocketPathFor(configuration) is { } socket
            && AdminChannel.IsServing(socket))
        {
            var secret = NeedsSecret(parsed) ? context.ReadSecret() : null;
            return await AdminChannel.SendAsync(socket, args, secret, output, error);
        }

        return await InvokeAsync(parsed, context);
    }

    /// <summary>Runs a command received on the admin socket, inside the server.</summary>
    public static async Task<int> RunOnServerAsync(string[] args, string? secret, IServiceProvider services, TextWriter output, TextWriter error)
    {
        using var context = CliContext.OnServer(services, output, error, secret);
        var parsed = BuildRoot(context).Parse(args);
        return parsed.Errors.Count > 0 ? await ReportUsageErrorsAsync(parsed, error) : await InvokeAsync(parsed, context);
    }

    // Not RootCommand: it names itself after the file, and "Auth.Jwt" loses ".Jwt" as if it were an extension.
    private static Command BuildRoot(CliContext context) =>
        new("Auth.Jwt", "Auth.Jwt: a self-contained OAuth2 token service. Run with no command (or 'serve') to start the server.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            AppsCommands.Create(context),
            UsersCommands.Create(context),
            KeysCommands.Create(context),
            TokensCommands.Create(context),
            BackupCommand.Create(context),
        };

    /// <summary>Commands that take a password: it is read here (stdin or a silent prompt), never from argv.</summary>
    private static bool NeedsSecret(ParseResult parsed) =>
        parsed.CommandResult.Parent is System.CommandLine.Parsing.CommandResult { Command.Name: "users" }
        && parsed.CommandResult.Command.Name is "add" or "set-password";

    private static async Task<int> InvokeAsync(ParseResult parsed, CliContext context)
    {
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or StartupException or IOException)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return Failure;
        }
    }

    private static async Task<int> ReportUsageErrorsAsync(ParseResult parsed, TextWriter error)
    {
        foreach (var parseError in parsed.Errors)
        {
            await error.WriteLineAsync($"error: {parseError.Message}");
        }

        await error.WriteLineAsync("Run with --help for usage.");
        return Usage;
    }
}

/// <summary>What every command needs: the services (the server's, or built on first use), the writers, and a way to read a password.</summary>
public sealed class CliContext : IDisposable
{
    private readonly IConfiguration? _configuration;
    private readonly TextReader? _input;
    private readonly string? _forwardedSecret;
    private IServiceProvider? _services;
    private ServiceProvider? _owned;

    private CliContext(IConfiguration? configuration, IServiceProvider? services, TextWriter output, TextWriter error, TextReader? input, string? forwardedSecret)
    {
        _configuration = configuration;
        _services = services;
        Output = output;
        Error = error;
        _input = input;
        _forwardedSecret = forwardedSecret;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public static CliContext Local(IConfiguration configuration, TextWriter output, TextWriter error, TextReader input) =>
        new(configuration, null, output, error, input, null);

    public static CliContext OnServer(IServiceProvider services, TextWriter output, TextWriter error, string? secret) =>
        new(null, services, output, error, null, secret);

    public T Get<T>() where T : notnull
    {
        if (_services is null)
        {
            _owned = new ServiceCollection()
                // Logs go to stderr, so stdout carries only the command's output (--json stays parseable).
                .AddLogging(logging => logging
                    .AddSimpleConsole()
                    .AddFilter(level => level >= LogLevel.Warning)
                    .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
                .AddAuthJwt(_configuration!)
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            // The same start-up validation as the server: bad configuration stops here, naming the key.
            _owned.GetService<IStartupValidator>()?.Validate();
            StartupChecks.OpenStorage(_owned);
            _services = _owned;
        }

        return _services.GetRequiredService<T>();
    }

    /// <summary>
    /// A password: forwarded by the client on the server side; otherwise one line of stdin when it is
    /// redirected, or typed at a prompt without echo.
    /// </summary>
    public string ReadSecret()
    {
        if (_forwardedSecret is not null || _input is null)
        {
            return _forwardedSecret ?? "";
        }

        if (!ReferenceEquals(_input, Console.In) || Console.IsInputRedirected)
        {
            return _input.ReadLine() ?? "";
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

    public void Dispose() => _owned?.Dispose();
}
