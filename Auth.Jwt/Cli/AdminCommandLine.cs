using System.CommandLine;
using Auth.Jwt.Cli.Admin;

namespace Auth.Jwt.Cli;

/// <summary>
/// The admin command line of the same binary (DESIGN.md 9). Each command is one call on
/// <see cref="IAdminApi"/>: sent to the running server over its Unix socket when the server holds the
/// data, or run here on the data itself when no server does. Exit codes: 0 success, 1 failure, 2 bad usage.
/// </summary>
public static class AdminCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>Runs a command typed by a person or a script, with the configuration the server would read here.</summary>
    /// <param name="args">The command, settings already taken out.</param>
    /// <param name="output">Where answers go (stdout).</param>
    /// <param name="error">Where notices and errors go (stderr).</param>
    /// <param name="configuration">What the server would read here.</param>
    /// <param name="input">Where a password is read from; the console when null.</param>
    /// <param name="serverStartWait">How long to wait for a server that holds the data but does not answer yet.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration configuration, TextReader? input = null, TimeSpan? serverStartWait = null)
    {
        await using var context = new CliContext(configuration, output, error, input ?? Console.In, serverStartWait ?? CliContext.DefaultServerStartWait);
        var parsed = BuildRoot(configuration, context).Parse(args);
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One line, never a stack trace: the message of whatever stopped the command.
            await error.WriteLineAsync($"error: {OneLine(e)}");
            return Failure;
        }
    }

    private static string OneLine(Exception e) =>
        (e is Microsoft.Extensions.Options.OptionsValidationException validation ? string.Join("; ", validation.Failures) : e.Message)
            .ReplaceLineEndings(" ");

    // Not RootCommand: it names itself after the file, and "Auth.Jwt" loses ".Jwt" as if it were an extension.
    private static Command BuildRoot(IConfiguration configuration, CliContext context) =>
        new("Auth.Jwt", "Auth.Jwt: a self-contained OAuth2 token service. Settings such as --AuthJwt:Storage:DatabasePath=PATH may go anywhere on the line.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            ServeCommand(),
            AppsCommands.Create(context),
            UsersCommands.Create(context),
            KeysCommands.Create(context),
            TokensCommands.Create(context),
            BackupCommand.Create(context),
            MigrateStorageCommand.Create(configuration, context),
        };

    /// <summary><c>serve</c> alone starts the server before this parser runs; here it is only described (<c>serve --help</c>).</summary>
    private static Command ServeCommand()
    {
        var serve = new Command("serve", "Start the server (also what no command does). Listens on --urls (default http://127.0.0.1:8000) and on the admin socket.");
        serve.SetAction(_ => Success);
        return serve;
    }
}

/// <summary>What a command needs of the data: one that needs what exists never creates an empty database.</summary>
public enum DataNeed
{
    Existing,
    MayCreate,

    /// <summary>The <c>keys</c> commands: through the server when one holds the data, else on the keys folder alone.</summary>
    KeysFolderOnly,
}
