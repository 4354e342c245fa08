namespace Auth.Jwt.Tests.Configuration;

/// <summary>Runs the real server entry in-process, so it must not overlap a WebApplicationFactory start.</summary>
[CollectionDefinition(nameof(ServerProcess), DisableParallelization = true)]
public sealed class ServerProcess;

[Collection(nameof(ServerProcess))]
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-start-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string> BadSettings => new()
    {
        { "AuthJwt:PasswordHashing:Iterations", "0" },
        { "AuthJwt:PasswordHashing:Iterations", "two" },
        { "AuthJwt:PasswordHashing:MemoryKiB", "12" },
        { "AuthJwt:Tokens:AccessTokenLifetimeSeconds", "5" },
        { "AuthJwt:Tokens:Issuer", "not a url" },
        { "AuthJwt:Tokens:Scopes", "read  write" },
        { "AuthJwt:Tokens:RefreshTokenLifetimeSeconds", "600" },
        { "AuthJwt:Keys:KeySize", "1024" },
        { "AuthJwt:Storage:DatabasePath", "" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_InvalidSetting_ExitsWithOneLineNamingTheKey(string key, string value)
    {
        var (exitCode, error) = await RunServerAsync($"--{key}={value}");

        exitCode.Should().Be(1);
        error.Should().StartWith("Auth.Jwt cannot start: ").And.Contain(key);
        error.TrimEnd().Should().NotContain("\n   at ", "no stack trace");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_PrivateKeyReadableByOthers_ExitsSayingHowToFixIt()
    {
        var keys = new Auth.Jwt.Keys.KeyFolder(Path.Combine(_root, "keys"));
        var (kid, pem) = Auth.Jwt.Keys.KeyMaterial.Generate(2048);
        keys.Add(kid, pem, new Auth.Jwt.Keys.KeyMetadata(DateTimeOffset.UtcNow, DateTimeOffset.MinValue, null));
        var key = new { PemPath = keys.PemPath(kid) };
        File.SetUnixFileMode(key.PemPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, error) = await RunServerAsync();

        exitCode.Should().Be(1);
        error.Should().Contain(key.PemPath).And.Contain("0644").And.Contain($"chmod 600 '{key.PemPath}'");
    }

    private async Task<(int ExitCode, string Error)> RunServerAsync(params string[] args)
    {
        using var error = new StringWriter();
        var app = Server.Build([
            "--urls=http://127.0.0.1:0",
            $"--AuthJwt:Storage:DatabasePath={Path.Combine(_root, "data", "auth.db")}",
            $"--AuthJwt:Keys:Path={Path.Combine(_root, "keys")}",
            "--Logging:LogLevel:Default=None",
            .. args]);
        var exitCode = await Server.RunAsync(app, error);
        return (exitCode, error.ToString());
    }
}
