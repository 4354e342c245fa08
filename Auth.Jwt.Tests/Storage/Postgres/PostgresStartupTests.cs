using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Storage.Postgres;

[Collection(nameof(ServerProcess))]
public sealed class PostgresStartupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-pgstart-").FullName;
    private TestPostgres.IsolatedSchema? _schema;

    public void Dispose()
    {
        _schema?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task Start_WithoutAnEncryptionKey_StopsWithOneLineNamingIt()
    {
        _schema = TestPostgres.NewSchema();

        var (exitCode, error) = await RunServerAsync();

        exitCode.Should().Be(1);
        error.Trim().Should().StartWith("Auth.Jwt cannot start: AuthJwt:Keys:EncryptionKey is required").And.NotContain("\n");
    }

    [SkippableFact]
    public async Task Start_WithAnotherEncryptionKey_StopsWithOneLine_AndTheKeysStayInTheDatabase()
    {
        _schema = TestPostgres.NewSchema();
        var first = Server.Build(Arguments($"--AuthJwt:Keys:EncryptionKey={NewKey()}"));
        await first.StartAsync();
        await first.StopAsync();
        await first.DisposeAsync();

        var (exitCode, error) = await RunServerAsync($"--AuthJwt:Keys:EncryptionKey={NewKey()}");

        exitCode.Should().Be(1);
        error.Trim().Should().Contain("AuthJwt:Keys:EncryptionKey does not open signing key").And.NotContain("\n");
        Directory.Exists(Path.Combine(_root, "keys")).Should().BeFalse("with postgres the keys live in the database, never in a folder");
    }

    [Fact]
    public async Task Start_UnknownProvider_NamesTheKeyAndTheAllowedValues()
    {
        var (exitCode, error) = await RunServerAsync("--AuthJwt:Storage:Provider=mysql");

        exitCode.Should().Be(1);
        error.Should().Contain("AuthJwt:Storage:Provider").And.Contain("litedb").And.Contain("postgres");
    }

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private string[] Arguments(params string[] args) =>
    [
        "--urls=http://127.0.0.1:0",
        "--AuthJwt:Storage:Provider=postgres",
        $"--AuthJwt:Storage:ConnectionString={_schema?.ConnectionString ?? "Host=127.0.0.1"}",
        $"--AuthJwt:Storage:DatabasePath={Path.Combine(_root, "data", "auth.db")}",
        $"--AuthJwt:Keys:Path={Path.Combine(_root, "keys")}",
        "--Logging:LogLevel:Default=None",
        .. args,
    ];

    private async Task<(int ExitCode, string Error)> RunServerAsync(params string[] args)
    {
        using var error = new StringWriter();
        var app = Server.Build(Arguments(args));
        var exitCode = await Server.RunAsync(app, error);
        return (exitCode, error.ToString());
    }
}
