using System.Net;
using Auth.Jwt.Accounts;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>DESIGN.md 4: every header field and claim of an issued access token.</summary>
public sealed class AccessTokenTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task AccessToken_Header_IsRs256TypedAtJwtWithTheActiveKeyThumbprint()
    {
        var client = app.AddClient();
        var tokens = await _http.LoginAsync(client, await _http.SignUpAsync());

        var jwt = new JsonWebToken(tokens.AccessToken);

        jwt.Alg.Should().Be("RS256");
        jwt.Typ.Should().Be("at+jwt");
        jwt.Kid.Should().Be(app.Service<SigningKeys>().Signer.Kid);
        jwt.Kid.Should().Be(JwkThumbprint.Of(app.Service<SigningKeys>().Signer.PublicParameters));
    }

    [Fact]
    public async Task AccessToken_Claims_FollowTheRfc9068Profile()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();
        var user = app.Service<IUserStore>().FindByUsername(username)!;

        var tokens = await _http.LoginAsync(client, username, scope: "write read");
        var jwt = new JsonWebToken(tokens.AccessToken);

        jwt.Issuer.Should().Be("http://localhost:8000");
        jwt.Audiences.Should().Equal("api");
        jwt.Subject.Should().Be(user.Id).And.NotBe(username);
        jwt.GetClaim("client_id").Value.Should().Be(client.Id);
        jwt.GetClaim("scope").Value.Should().Be("write read");
        jwt.GetClaim("username").Value.Should().Be(username);
        jwt.GetClaim("sid").Value.Should().Be(app.Service<Auth.Jwt.Tokens.RefreshTokens>().Find(tokens.RefreshToken)!.FamilyId);
        jwt.Id.Should().NotBeNullOrEmpty();
        var iat = long.Parse(jwt.GetClaim("iat").Value, System.Globalization.CultureInfo.InvariantCulture);
        long.Parse(jwt.GetClaim("nbf").Value, System.Globalization.CultureInfo.InvariantCulture).Should().Be(iat);
        long.Parse(jwt.GetClaim("exp").Value, System.Globalization.CultureInfo.InvariantCulture).Should().Be(iat + 36000);
        iat.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 5);
    }

    [Fact]
    public async Task AccessToken_EachIssueHasItsOwnJti()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        var first = new JsonWebToken((await _http.LoginAsync(client, username)).AccessToken);
        var second = new JsonWebToken((await _http.LoginAsync(client, username)).AccessToken);

        first.Id.Should().NotBe(second.Id);
        first.GetClaim("sid").Value.Should().NotBe(second.GetClaim("sid").Value, "each login starts a new family");
    }

    [Fact]
    public async Task AccessToken_LifetimeIssuerAndAudience_AreConfigurable()
    {
        using var custom = new AuthJwtApp();
        custom.Settings["AuthJwt:Tokens:AccessTokenLifetimeSeconds"] = "600";
        custom.Settings["AuthJwt:Tokens:Issuer"] = "https://auth.example.com";
        custom.Settings["AuthJwt:Tokens:Audience"] = "https://api.example.com";
        var http = custom.CreateClient();
        var client = custom.AddClient();

        var tokens = await http.LoginAsync(client, await http.SignUpAsync());
        var jwt = new JsonWebToken(tokens.AccessToken);

        tokens.ExpiresIn.Should().Be(600);
        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromSeconds(600));
        jwt.Issuer.Should().Be("https://auth.example.com");
        jwt.Audiences.Should().Equal("https://api.example.com");
    }

    [Fact]
    public async Task AccessToken_OfOurOwn_IsAcceptedByTheBearerHandler()
    {
        var client = app.AddClient();
        var tokens = await _http.LoginAsync(client, await _http.SignUpAsync());

        // GET /sign_up/ needs authentication, then answers 405 (DESIGN.md 2).
        var response = await _http.GetWithBearerAsync("/sign_up/", tokens.AccessToken);

        await response.ShouldAnswer(HttpStatusCode.MethodNotAllowed, """{"detail":"Method \"GET\" not allowed."}""");
        response.Content.Headers.Allow.Should().BeEquivalentTo("POST", "OPTIONS");
    }
}
