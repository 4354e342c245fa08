using System.Net;
using Auth.Jwt.Cli;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Cli;

public sealed class TokensCommandsTests
{
    [Fact]
    public async Task TokensRevokeUser_EndsEverySessionOfTheUser()
    {
        var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();
        var first = await http.LoginAsync(client, username);
        var second = await http.LoginAsync(client, username);
        var bystander = await http.LoginAsync(client, await http.SignUpAsync());
        await app.StopAsync();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Storage:DatabasePath"] = app.DatabasePath, ["AuthJwt:Keys:Path"] = app.KeysPath } };

        var result = await cli.RunAsync("tokens", "revoke", "--user", username.ToUpperInvariant());

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        result.Output.Should().Contain("revoked 2 session(s)");
        using var restarted = app.Restart();
        var again = restarted.CreateClient();
        (await again.GetWithBearerAsync("/users/me/", first.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await again.GetWithBearerAsync("/users/me/", second.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await again.RefreshAsync(client, first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        (await again.GetWithBearerAsync("/users/me/", bystander.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokensRevokeUser_UnknownUser_Exits1()
    {
        using var cli = new Infrastructure.Cli();
        await cli.RunWithInputAsync("correct horse battery\n", "users", "add", "somebody");

        var result = await cli.RunAsync("tokens", "revoke", "--user", "nobody");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Should().Contain("nobody");
    }
}
