namespace Auth.Jwt;

/// <summary>
/// The configuration the server and the command line both read, built by the same code: the working
/// directory's <c>appsettings.json</c> and <c>appsettings.{environment}.json</c>, then environment
/// variables, then settings given on the command line (<c>--AuthJwt:Section:Key=value</c>), later winning.
/// </summary>
public static class AppConfiguration
{
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static IConfigurationBuilder AddAuthJwtSources(this IConfigurationBuilder builder, string contentRoot, string environmentName, string[] settings) =>
        builder
            // The host's own variables (ASPNETCORE_URLS, DOTNET_ENVIRONMENT) as ASP.NET Core reads them.
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(settings);

    /// <summary>The command line's configuration: what the server would read if started here with these settings.</summary>
    public static IConfiguration ForCommandLine(string[] settings)
    {
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(settings)
            .Build();
        var contentRoot = Path.GetFullPath(host[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root : Environment.CurrentDirectory);
        var environment = host[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : Environments.Production;
        return new ConfigurationBuilder().AddAuthJwtSources(contentRoot, environment, settings).Build();
    }

    /// <summary>
    /// Splits the arguments into settings (<c>--AuthJwt:Storage:DatabasePath=...</c>, <c>--urls ...</c>,
    /// anywhere on the line) and the command that is left (empty or <c>serve</c>: start the server).
    /// </summary>
    public static (string[] Settings, string[] Command) Split(string[] args)
    {
        var settings = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!IsSetting(args[i]))
            {
                command.Add(args[i]);
                continue;
            }

            settings.Add(args[i]);
            if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                settings.Add(args[++i]);
            }
        }

        return ([.. settings], [.. command]);
    }

    private static bool IsSetting(string arg)
    {
        var name = arg.Split('=', 2)[0];
        // Configuration keys are sections (a colon) or capitalised (--AuthJwt=, as WebApplicationFactory passes
        // them); the command line's own options are lower-case words.
        return name.StartsWith("--", StringComparison.Ordinal)
            && name.Length > 2
            && (name.Contains(':', StringComparison.Ordinal) || char.IsUpper(name[2]) || HostOptions.Contains(name, StringComparer.OrdinalIgnoreCase));
    }
}
