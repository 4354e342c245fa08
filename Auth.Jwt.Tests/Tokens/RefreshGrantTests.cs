using System.Net;
using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Infrastructure;
using Auth.Jwt.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>DESIGN.md 3, refresh: rotation, reuse detection, the grace rule, binding, scope, lifetime.</summary>
public sealed class RefreshGrantTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<(TestClient Client, string Username, TokenSet Tokens)> LoginAsync(string? scope = null)
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();
        return (client, username, await _http.LoginAsync(client, username, scope: scope));
    }

    [Fact]
    public async Task Refresh_RotatesBothTokens()
    {
        var (client, _, first) = await LoginAsync();

        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        second.RefreshToken.Should().NotBe(first.RefreshToken);
        second.AccessToken.Should().NotBe(first.AccessToken);
        second.Scope.Should().Be("read write groups");
        second.ExpiresIn.Should().Be(36000);
        new JsonWebToken(second.AccessToken).GetClaim("sid").Value.Should().Be(new JsonWebToken(first.AccessToken).GetClaim("sid").Value);
    }

    [Fact]
    public async Task Refresh_AnswerCarriesNoStoreHeadersAndKeyOrder()
    {
        var (client, _, first) = await LoginAsync();

        var response = await _http.RefreshAsync(client, first.RefreshToken);

        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
        (await response.JsonAsync()).AsObject().Select(p => p.Key).Should().Equal("access_token", "expires_in", "token_type", "scope", "refresh_token");
    }

    [Fact]
    public async Task Refresh_ChainOfRotations_KeepsWorking()
    {
        var (client, _, tokens) = await LoginAsync();

        for (var i = 0; i < 5; i++)
        {
            tokens = await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
        }
    }

    [Fact]
    public async Task Refresh_ReusedRotatedTokenAfterGrace_RevokesFamily()
    {
        var (client, _, first) = await LoginAsync();
        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(11));

        var replay = await _http.RefreshAsync(client, first.RefreshToken);

        await replay.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        // The newest token of the family dies too.
        await (await _http.RefreshAsync(client, second.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_PredecessorReplayedWithinGrace_GetsTheSameSuccessorAndAFreshAccessToken()
    {
        var (client, _, first) = await LoginAsync();
        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(10));

        var again = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        again.RefreshToken.Should().Be(second.RefreshToken);
        new JsonWebToken(again.AccessToken).Id.Should().NotBe(new JsonWebToken(second.AccessToken).Id);
        // The successor is still the live token.
        await (await _http.RefreshAsync(client, second.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Refresh_OlderThanTheImmediatePredecessor_IsReuseEvenWithinGrace()
    {
        var (client, _, first) = await LoginAsync();
        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();
        var third = await (await _http.RefreshAsync(client, second.RefreshToken)).ShouldBeTokensAsync();

        await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _http.RefreshAsync(client, third.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_GraceZero_TreatsAnyReplayAsReuse()
    {
        using var strict = new FakeClockApp();
        strict.Settings["AuthJwt:Tokens:RefreshGraceSeconds"] = "0";
        var http = strict.CreateClient();
        var client = strict.AddClient();
        var first = await http.LoginAsync(client, await http.SignUpAsync());
        var second = await (await http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        await (await http.RefreshAsync(client, first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await http.RefreshAsync(client, second.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_IsInvalidGrantAndLeavesTheTokenWorking()
    {
        var (client, _, tokens) = await LoginAsync();
        var other = app.AddClient();

        await (await _http.RefreshAsync(other, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Refresh_PredecessorReplayedWithinGraceByAnotherClient_IsInvalidGrantAndRevokesNothing()
    {
        var (client, _, first) = await LoginAsync();
        var second = await (await _http.RefreshAsync(client, first.RefreshToken)).ShouldBeTokensAsync();

        await (await _http.RefreshAsync(app.AddClient(), first.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");

        // The grace rule is the owner's alone, and a foreign replay is not the owner's reuse.
        await (await _http.RefreshAsync(client, second.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Refresh_UnknownToken_IsInvalidGrant()
    {
        var client = app.AddClient();

        await (await _http.RefreshAsync(client, "not-a-token-we-issued")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_MissingToken_IsInvalidRequest()
    {
        var client = app.AddClient();

        var response = await _http.TokenAsync(client, ("grant_type", "refresh_token"));

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "Missing refresh token parameter.");
    }

    [Fact]
    public async Task Refresh_AfterThirtyDaysWithoutRotation_IsInvalidGrant()
    {
        var (client, _, tokens) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_LifetimeCountsFromTheLastRotation()
    {
        var (client, _, tokens) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromDays(20));
        tokens = await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
        app.Clock.Advance(TimeSpan.FromDays(20));

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Refresh_NarrowerScope_AppliesToTheNewAccessTokenOnly()
    {
        var (client, _, tokens) = await LoginAsync();

        var narrowed = await (await _http.RefreshAsync(client, tokens.RefreshToken, scope: "read")).ShouldBeTokensAsync();
        var next = await (await _http.RefreshAsync(client, narrowed.RefreshToken)).ShouldBeTokensAsync();

        narrowed.Scope.Should().Be("read");
        new JsonWebToken(narrowed.AccessToken).GetClaim("scope").Value.Should().Be("read");
        next.Scope.Should().Be("read write groups", "the refresh token keeps the scope of the one presented (RFC 6749 6)");
    }

    [Fact]
    public async Task Refresh_WiderScope_IsInvalidScopeAndDoesNotBurnTheToken()
    {
        var (client, _, tokens) = await LoginAsync(scope: "read");

        await (await _http.RefreshAsync(client, tokens.RefreshToken, scope: "read write")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_scope");
        (await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeTokensAsync()).Scope.Should().Be("read");
    }

    [Fact]
    public async Task Refresh_ClientNotAllowedRefresh_IsUnauthorizedClient()
    {
        var (_, _, tokens) = await LoginAsync();
        // The command line always pairs refresh_token with password; a client stored without it still must not refresh.
        var client = new TestClient(Auth.Jwt.Security.Secrets.NewToken(24), null);
        app.Service<IClientStore>().Add(new Client { Id = client.Id, Name = "password only", Type = ClientType.Public, GrantTypes = [GrantTypes.Password] });

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [Fact]
    public async Task Refresh_TwentyInParallel_RotateExactlyOnceAndNeverFail()
    {
        var (client, _, tokens) = await LoginAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _http.RefreshAsync(client, tokens.RefreshToken)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.BadRequest);
        var successors = new HashSet<string>();
        foreach (var ok in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            successors.Add((await ok.ShouldBeTokensAsync()).RefreshToken);
        }

        successors.Should().HaveCount(1, "one rotation; every other answer is the grace answer with the same successor");
        var family = app.Service<RefreshTokens>().Find(tokens.RefreshToken)!.FamilyId;
        app.Service<Auth.Jwt.Tokens.IRefreshTokenStore>().TokensOfFamily(family).Should().HaveCount(2);
    }

    [Fact]
    public async Task Refresh_AfterThePasswordChanged_IsInvalidGrant()
    {
        var (client, username, tokens) = await LoginAsync();
        var user = app.Service<IUserStore>().FindByUsername(username)!;

        await app.Service<AccountLifecycle>().ChangePasswordAsync(user, "a brand new passphrase");

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await _http.LoginAsync(client, username, "a brand new passphrase");
    }

    [Fact]
    public async Task Refresh_AfterTheUserWasDeleted_IsInvalidGrant()
    {
        var (client, username, tokens) = await LoginAsync();
        var users = app.Service<IUserStore>();

        users.Delete(users.FindByUsername(username)!.Id);

        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
    }
}
