using System.Net;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Auth.Jwt.Tests.Telemetry;

public sealed class MetricsTests
{
    private static async Task<HttpContext> GetMetricsFromAsync(AuthJwtApp app, IPAddress? remote) =>
        await app.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/metrics";
            context.Connection.RemoteIpAddress = remote;
        });

    private static async Task<string> BodyAsync(HttpContext context)
    {
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    [Fact]
    // Counts are at least one: every app in this test process shares the meter name, so exact totals mix.
    public async Task Metrics_FromLoopback_ExportsTheAuthJwtMeterInPrometheusText()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();
        var tokens = await http.LoginAsync(client, username);
        await http.PasswordGrantAsync(client, username, "wrong password");
        await (await http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
        await http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", tokens.AccessToken)]);

        var context = await GetMetricsFromAsync(app, IPAddress.Loopback);
        var text = await BodyAsync(context);

        context.Response.StatusCode.Should().Be(200);
        context.Response.ContentType.Should().StartWith("text/plain");
        text.Should().MatchRegex(@"auth_jwt_tokens_issued_total\{[^}]*grant=""password""[^}]*\} [1-9]\d*\b");
        text.Should().MatchRegex(@"auth_jwt_tokens_issued_total\{[^}]*grant=""refresh_token""[^}]*\} [1-9]\d*\b");
        text.Should().MatchRegex(@"auth_jwt_logins_failed_total(\{[^}]*\})? [1-9]\d*\b");
        text.Should().MatchRegex(@"auth_jwt_revocations_total\{[^}]*kind=""access_token""[^}]*\} [1-9]\d*\b");
        text.Should().Contain("auth_jwt_argon2_queue_length");
        text.Should().Contain("auth_jwt_argon2_duration");
        text.Should().NotContain(tokens.AccessToken).And.NotContain(username);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData(null)]
    public async Task Metrics_FromAnotherHost_IsNotFound(string? remote)
    {
        using var app = new AuthJwtApp();
        _ = app.CreateClient();

        var context = await GetMetricsFromAsync(app, remote is null ? null : IPAddress.Parse(remote));

        context.Response.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task Metrics_AllowRemote_ServesOtherHosts()
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:Metrics:AllowRemote"] = "true";
        _ = app.CreateClient();

        (await GetMetricsFromAsync(app, IPAddress.Parse("203.0.113.7"))).Response.StatusCode.Should().Be(200);
    }
}
