using System.Net;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Security;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task FullFlow_LogsNoPasswordSecretOrToken_ButAuditsEachStep()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient(ClientType.Confidential);
        const string password = "log-canary passphrase 8812";
        const string newPassword = "second log-canary 5519";
        const string wrongPassword = "wrong log-canary 3307";
        var username = await http.SignUpAsync(Names.UniqueUser("logcanary"), password);

        var login = await http.LoginAsync(client, username, password);
        var refreshed = await (await http.RefreshAsync(client, login.RefreshToken)).ShouldBeTokensAsync();
        await http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", refreshed.RefreshToken)]);
        await http.PasswordGrantAsync(client, username, wrongPassword);
        var again = await http.LoginAsync(client, username, password);
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/users/me/").WithBearer(again.AccessToken)
            .Form(("password", password), ("new_password", newPassword));
        (await http.SendAsync(patch)).StatusCode.Should().Be(HttpStatusCode.OK);

        var secrets = new[]
        {
            password, newPassword, wrongPassword, client.Secret!,
            login.AccessToken, login.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken, again.AccessToken, again.RefreshToken,
            // A JWT's signature alone is enough to replay it.
            login.AccessToken.Split('.')[2], again.AccessToken.Split('.')[2],
        };
        var lines = app.Logs.Lines.ToList();
        lines.Should().NotBeEmpty();
        foreach (var secret in secrets)
        {
            lines.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal), "no log line may hold {0}...", secret[..6]);
        }

        lines.Should().NotContain(line => line.Contains(username, StringComparison.Ordinal) && line.Contains("failed", StringComparison.OrdinalIgnoreCase),
            "a failed login logs a digest of the attempted name, which may be a mistyped password");
        lines.Should().Contain(line => line.Contains("[1001]"), "sign-up is audited");
        lines.Should().Contain(line => line.Contains("[2001]"), "login success is audited");
        lines.Should().Contain(line => line.Contains("[2002]"), "login failure is audited");
        lines.Should().Contain(line => line.Contains("[2006]"), "revocation is audited");
        lines.Should().Contain(line => line.Contains("[1003]"), "a password change is audited");
    }
}
