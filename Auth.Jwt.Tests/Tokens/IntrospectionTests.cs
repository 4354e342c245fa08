using System.Net;
using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>DESIGN.md 7: RFC 7662 introspection for resource servers without our keys.</summary>
public sealed class IntrospectionTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<(TestClient Client, string Username, TokenSet Tokens)> LoginAsync(string? scope = null)
    {
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();
        return (client, username, await _http.LoginAsync(client, username, scope: scope));
    }

    private Task<HttpResponseMessage> IntrospectAsync(TestClient caller, string token) =>
        _http.PostTokenEndpointAsync("/o/introspect/", caller, [("token", token)]);

    private async Task ShouldBeInactive(TestClient caller, string token)
    {
        var response = await IntrospectAsync(caller, token);
        await response.ShouldAnswer(HttpStatusCode.OK, """{"active":false}""");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Introspect_ActiveAccessToken_DescribesIt()
    {
        var (client, username, tokens) = await LoginAsync(scope: "read groups");
        var resourceServer = app.AddClient(ClientType.Confidential);
        var user = app.Service<IUserStore>().FindByUsername(username)!;

        var response = await IntrospectAsync(resourceServer, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var json = (await response.JsonAsync()).AsObject();
        json.Select(p => p.Key).Should().BeEquivalentTo("active", "scope", "exp", "iat", "client_id", "username", "sub", "token_type");
        ((bool)json["active"]!).Should().BeTrue();
        ((string)json["scope"]!).Should().Be("read groups");
        ((string)json["client_id"]!).Should().Be(client.Id);
        ((string)json["username"]!).Should().Be(username);
        ((string)json["sub"]!).Should().Be(user.Id);
        ((string)json["token_type"]!).Should().Be("Bearer");
        ((long)json["exp"]!).Should().Be((long)json["iat"]! + 36000);
    }

    [Fact]
    public async Task Introspect_RefreshTokenOfTheCallingClient_DescribesIt()
    {
        var (client, username, tokens) = await LoginAsync();

        var json = (await (await IntrospectAsync(client, tokens.RefreshToken)).JsonAsync()).AsObject();

        ((bool)json["active"]!).Should().BeTrue();
        ((string)json["client_id"]!).Should().Be(client.Id);
        ((string)json["scope"]!).Should().Be("read write groups");
        ((string)json["username"]!).Should().Be(username);
        ((long)json["exp"]!).Should().Be(app.Clock.GetUtcNow().AddDays(30).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Introspect_RefreshTokenOfAnotherClient_IsInactive()
    {
        var (_, _, tokens) = await LoginAsync();

        await ShouldBeInactive(app.AddClient(ClientType.Confidential), tokens.RefreshToken);
    }

    [Fact]
    public async Task Introspect_RotatedRefreshToken_IsInactive()
    {
        var (client, _, tokens) = await LoginAsync();
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();

        await ShouldBeInactive(client, tokens.RefreshToken);
    }

    [Fact]
    public async Task Introspect_RevokedAccessToken_IsInactive()
    {
        var (client, _, tokens) = await LoginAsync();
        await _http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", tokens.AccessToken)]);

        await ShouldBeInactive(client, tokens.AccessToken);
    }

    [Fact]
    public async Task Introspect_AccessTokenCutOffByAPasswordChange_IsInactive()
    {
        var (client, username, tokens) = await LoginAsync();
        await app.Service<AccountLifecycle>().ChangePasswordAsync(app.Service<IUserStore>().FindByUsername(username)!, "a different passphrase");

        await ShouldBeInactive(client, tokens.AccessToken);
        await ShouldBeInactive(client, tokens.RefreshToken);
    }

    [Fact]
    public async Task Introspect_ExpiredTokens_AreInactive()
    {
        using var past = FakeClockApp.StartingAt(DateTimeOffset.UtcNow.AddDays(-31));
        var http = past.CreateClient();
        var client = past.AddClient(ClientType.Confidential);
        var tokens = await http.LoginAsync(client, await http.SignUpAsync());
        past.Clock.Advance(TimeSpan.FromDays(31));

        (await (await http.PostTokenEndpointAsync("/o/introspect/", client, [("token", tokens.AccessToken)])).Content.ReadAsStringAsync()).Should().Be("""{"active":false}""");
        (await (await http.PostTokenEndpointAsync("/o/introspect/", client, [("token", tokens.RefreshToken)])).Content.ReadAsStringAsync()).Should().Be("""{"active":false}""");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Introspect_UnknownOrForeignToken_IsInactive(string token)
    {
        await ShouldBeInactive(app.AddClient(ClientType.Confidential), token);
    }

    [Fact]
    public async Task Introspect_PublicClient_Returns401InvalidClient()
    {
        var (_, _, tokens) = await LoginAsync();
        var publicClient = app.AddClient(ClientType.Public);

        await (await IntrospectAsync(publicClient, tokens.AccessToken)).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Introspect_WithAUsersBearerToken_Returns401InvalidClient()
    {
        var (_, _, tokens) = await LoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/introspect/").WithBearer(tokens.AccessToken).Form(("token", tokens.AccessToken));

        await (await _http.SendAsync(request)).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Introspect_WrongSecret_Returns401InvalidClient()
    {
        var (client, _, tokens) = await LoginAsync();

        await (await IntrospectAsync(client with { Secret = "nope" }, tokens.AccessToken)).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Introspect_MissingToken_Returns400InvalidRequest()
    {
        var client = app.AddClient(ClientType.Confidential);

        await (await _http.PostTokenEndpointAsync("/o/introspect/", client, [])).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "Missing token parameter.");
    }
}
