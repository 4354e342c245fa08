using Auth.Jwt.Cli;
using Microsoft.Extensions.Configuration;

namespace Auth.Jwt.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the admin command line in-process on a temporary data folder, capturing its output.</summary>
public sealed class Cli : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("authjwt-cli-").FullName;

    public string DatabasePath => Settings["AuthJwt:Storage:DatabasePath"]!;

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Cli()
    {
        Settings["AuthJwt:Storage:DatabasePath"] = Path.Combine(Root, "data", "auth.db");
        Settings["AuthJwt:Keys:Path"] = Path.Combine(Root, "keys");
    }

    /// <summary>Runs one command on the data of a <see cref="RunningServer"/> rooted at <paramref name="root"/>.</summary>
    public static async Task<CliResult> RunBesideAsync(string root, string? stdin, params string[] args)
    {
        using var cli = new Cli();
        foreach (var (key, value) in RunningServer.SettingsFor(root))
        {
            cli.Settings[key] = value;
        }

        return await cli.RunWithInputAsync(stdin, args);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <param name="stdin">What the command reads from standard input (a password), if anything.</param>
    /// <param name="args">The command line.</param>
    public async Task<CliResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var exitCode = await AdminCommandLine.RunAsync(args, output, error, configuration, input);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
