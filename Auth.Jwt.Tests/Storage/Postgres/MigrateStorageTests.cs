using System.Net;
using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Storage.Postgres;

[Collection(nameof(ServerProcess))]
public sealed class MigrateStorageTests : IDisposable
{
    private readonly string _key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private TestPostgres.IsolatedSchema? _schema;

    public void Dispose() => _schema?.Dispose();

    [SkippableFact]
    public async Task MigrateStorage_CopiesEverything_AndLoginsAndRefreshesKeepWorking()
    {
        _schema = TestPostgres.NewSchema();
        var lite = new AuthJwtApp();
        var client = lite.AddClient();
        var http = lite.CreateClient();
        var username = await http.SignUpAsync();
        var tokens = await http.LoginAsync(client, username);
        var revoked = await http.LoginAsync(client, username);
        await http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", revoked.AccessToken)]);
        var jwks = await http.GetStringAsync("/.well-known/jwks.json");
        await lite.StopAsync();

        using var cli = new Infrastructure.Cli();
        foreach (var (key, value) in lite.Settings)
        {
            cli.Settings[key] = value;
        }

        cli.Settings["AuthJwt:Storage:ConnectionString"] = _schema.ConnectionString;
        cli.Settings["AuthJwt:Keys:EncryptionKey"] = _key;

        var moved = await cli.RunAsync("migrate-storage", "--to", "postgres");

        moved.ExitCode.Should().Be(0, moved.Error);
        moved.Output.Should().Contain("1 users, 1 applications, 2 live refresh tokens, 1 denylist entries, 1 signing keys");
        (await cli.RunAsync("migrate-storage", "--to", "postgres")).Error.Should().Contain("is not empty", "it refuses a database that holds data");

        using var postgres = new AuthJwtApp();
        postgres.Settings["AuthJwt:Storage:Provider"] = "postgres";
        postgres.Settings["AuthJwt:Storage:ConnectionString"] = _schema.ConnectionString;
        postgres.Settings["AuthJwt:Keys:EncryptionKey"] = _key;
        var after = postgres.CreateClient();
        (await after.GetStringAsync("/.well-known/jwks.json")).Should().Be(jwks, "the same keys, so tokens issued before the move still validate");
        (await after.GetWithBearerAsync("/users/me/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await after.GetWithBearerAsync("/users/me/", revoked.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the denylist moved too");
        await (await after.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
        await after.LoginAsync(client, username);
        lite.Dispose();
    }
}
