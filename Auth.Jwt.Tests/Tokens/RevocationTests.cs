using System.Net;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Infrastructure;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>DESIGN.md 7: logout by revocation (RFC 7009).</summary>
public sealed class RevocationTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<(TestClient Client, string Username, TokenSet Tokens)> LoginAsync(ClientType type = ClientType.Public)
    {
        var client = app.AddClient(type);
        var username = await _http.SignUpAsync();
        return (client, username, await _http.LoginAsync(client, username));
    }

    private Task<HttpResponseMessage> RevokeAsync(TestClient client, string token, string? hint = null) =>
        _http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", token), .. hint is null ? Array.Empty<(string, string)>() : [("token_type_hint", hint)]]);

    private Task<HttpResponseMessage> MeAsync(string accessToken) => _http.GetWithBearerAsync("/users/me/", accessToken);

    private async Task<bool> ActiveAsync(string token)
    {
        var resourceServer = app.AddClient(ClientType.Confidential);
        return (bool)(await (await _http.PostTokenEndpointAsync("/o/introspect/", resourceServer, [("token", token)])).JsonAsync())["active"]!;
    }

    private static async Task ShouldBeEmpty200(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
    }

    [Fact]
    public async Task RevokeRefreshToken_RefreshFails_DescendantsDie_AndItsAccessTokenDiesHere()
    {
        var (client, _, first) = await LoginAsync();
        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        await ShouldBeEmpty200(await RevokeAsync(client, second.RefreshToken));

        await (await _http.RefreshAsync(client, second.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        (await MeAsync(second.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await MeAsync(first.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ActiveAsync(second.AccessToken)).Should().BeFalse();
    }

    [Fact]
    public async Task RevokeRefreshToken_ANewLoginStillWorks()
    {
        var (client, username, tokens) = await LoginAsync();

        await ShouldBeEmpty200(await RevokeAsync(client, tokens.RefreshToken));

        var fresh = await _http.LoginAsync(client, username);
        (await MeAsync(fresh.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokeAccessToken_ResourceRefusesIt_IntrospectionSaysInactive_RefreshStillWorks()
    {
        var (client, _, tokens) = await LoginAsync();

        await ShouldBeEmpty200(await RevokeAsync(client, tokens.AccessToken, "access_token"));

        (await MeAsync(tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ActiveAsync(tokens.AccessToken)).Should().BeFalse();
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("something_else")]
    public async Task RevokeRefreshToken_WithAWrongHint_StillRevokes(string hint)
    {
        var (client, _, tokens) = await LoginAsync();

        await ShouldBeEmpty200(await RevokeAsync(client, tokens.RefreshToken, hint));

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task RevokeByConfidentialClient_WithBasic_Works()
    {
        var (client, _, tokens) = await LoginAsync(ClientType.Confidential);

        await ShouldBeEmpty200(await RevokeAsync(client, tokens.RefreshToken));

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoke_AnotherClientsTokens_IsRefusedAndLeavesThemWorking()
    {
        var (owner, _, tokens) = await LoginAsync();
        var other = app.AddClient();

        var refresh = await RevokeAsync(other, tokens.RefreshToken);
        var access = await RevokeAsync(other, tokens.AccessToken);

        await refresh.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "The token was not issued to this client.");
        await access.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "The token was not issued to this client.");
        (await MeAsync(tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await _http.RefreshAsync(owner, tokens.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Revoke_UnknownToken_Returns200()
    {
        var client = app.AddClient();

        await ShouldBeEmpty200(await RevokeAsync(client, "never-issued"));
    }

    [Fact]
    public async Task Revoke_MissingToken_Returns400InvalidRequest()
    {
        var client = app.AddClient();

        var response = await _http.PostTokenEndpointAsync("/o/revoke_token/", client, []);

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "Missing token parameter.");
    }

    [Fact]
    public async Task Revoke_BadClient_Returns401InvalidClient()
    {
        var (client, _, tokens) = await LoginAsync(ClientType.Confidential);

        var response = await RevokeAsync(client with { Secret = "wrong" }, tokens.RefreshToken);

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Revoke_Get_Returns405()
    {
        var response = await _http.GetAsync("/o/revoke_token/");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task ReuseDetection_KillsTheFamilysAccessTokensHereToo()
    {
        using var strict = new AuthJwtApp();
        strict.Settings["AuthJwt:Tokens:RefreshGraceSeconds"] = "0";
        var http = strict.CreateClient();
        var client = strict.AddClient();
        var first = await http.LoginAsync(client, await http.SignUpAsync());
        var second = await (await http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        await (await http.RefreshAsync(client, first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");

        (await http.GetWithBearerAsync("/users/me/", second.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The denylist across restarts and time.</summary>
public sealed class RevocationPersistenceTests
{
    [Fact]
    public async Task Denylist_SurvivesARestartOnTheSameData()
    {
        var first = new AuthJwtApp();
        var http = first.CreateClient();
        var client = first.AddClient();
        var tokens = await http.LoginAsync(client, await http.SignUpAsync());
        var other = await http.LoginAsync(client, await http.SignUpAsync());
        await http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", tokens.AccessToken)]);
        await first.StopAsync();

        using var second = first.Restart();
        var again = second.CreateClient();

        (await again.GetWithBearerAsync("/users/me/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await again.GetWithBearerAsync("/users/me/", other.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK, "only the revoked token is denied");
    }

    [Fact]
    public async Task Denylist_IsPrunedOnceTheTokensItCoversHaveExpired()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var tokens = await http.LoginAsync(client, await http.SignUpAsync());
        await http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", tokens.RefreshToken)]);
        var revocations = app.Service<Denylist>();
        var stored = app.Service<IRevocationStore>();
        revocations.Count.Should().Be(1);

        app.Clock.Advance(TimeSpan.FromSeconds(36000 + 30 - 1));
        app.Service<Pruning>().PruneNow();
        revocations.Count.Should().Be(1, "an access token of the family may still be valid");

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        app.Service<Pruning>().PruneNow();
        revocations.Count.Should().Be(0);
        stored.ListRecordedSince(DateTimeOffset.MinValue).Should().BeEmpty();
    }

    [Fact]
    public async Task Pruning_DeletesExpiredRefreshTokens()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var tokens = await http.LoginAsync(client, await http.SignUpAsync());
        var stored = app.Service<IRefreshTokenStore>();
        var digest = Auth.Jwt.Security.Secrets.Digest(tokens.RefreshToken);
        stored.FindByDigest(digest).Should().NotBeNull();

        app.Clock.Advance(TimeSpan.FromDays(30));
        app.Service<Pruning>().PruneNow();

        stored.FindByDigest(digest).Should().BeNull();
    }
}
