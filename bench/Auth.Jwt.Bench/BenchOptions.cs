namespace Auth.Jwt.Bench;

/// <summary>
/// Command-line options: <c>--app PATH</c> (required), <c>--dotnet PATH</c>, <c>--port N</c>, and
/// <c>--postgres CONNECTION_STRING</c> to compare the refresh grant on PostgreSQL with LiteDB.
/// </summary>
internal sealed record BenchOptions(string AppDll, string DotnetHost, int Port, string? Postgres)
{
    public const string Usage = "usage: Auth.Jwt.Bench --app Auth.Jwt/bin/Release/net10.0/Auth.Jwt.dll [--dotnet dotnet] [--port 0] [--postgres 'Host=127.0.0.1;...']";

    public static BenchOptions? Parse(string[] args)
    {
        string? app = null;
        string? postgres = null;
        var dotnet = "dotnet";
        var port = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--app": app = args[i + 1]; break;
                case "--dotnet": dotnet = args[i + 1]; break;
                case "--port" when int.TryParse(args[i + 1], out var p) && p is >= 0 and <= 65535: port = p; break;
                // make bench passes an empty value when AUTHJWT_TEST_POSTGRES is unset.
                case "--postgres": postgres = string.IsNullOrWhiteSpace(args[i + 1]) ? null : args[i + 1]; break;
                default: return null;
            }
        }

        // An odd count means a flag without its value.
        if (app is null || args.Length % 2 != 0)
        {
            return null;
        }

        // The server runs in a temp folder, so a relative path must be resolved here.
        return new BenchOptions(Path.GetFullPath(app), dotnet, port, postgres);
    }
}
