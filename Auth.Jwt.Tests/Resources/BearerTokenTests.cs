using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Jwt.Tests.Resources;

/// <summary>DESIGN.md 6: which tokens the JwtBearer handler accepts, and RFC 6750's answers for the rest.</summary>
public sealed class BearerTokenTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private const string InvalidToken = "Bearer realm=\"api\",error=\"invalid_token\",error_description=\"The access token is invalid.\"";
    private readonly HttpClient _http = app.CreateClient();

    private async Task<string> AccessTokenAsync(string? scope = null)
    {
        var client = app.AddClient();
        return (await _http.LoginAsync(client, await _http.SignUpAsync(), scope: scope)).AccessToken;
    }

    private Task<HttpResponseMessage> GetMeAsync(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/users/me/");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return _http.SendAsync(request);
    }

    private static async Task ShouldBeInvalidToken(HttpResponseMessage response)
    {
        await response.ShouldAnswer(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        response.Headers.WwwAuthenticate.ToString().Should().Be(InvalidToken);
    }

    [Fact]
    public async Task Resource_ValidToken_Returns200()
    {
        (await GetMeAsync($"Bearer {await AccessTokenAsync()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("BeArEr")]
    public async Task Resource_SchemeNameInAnyCase_IsAccepted(string scheme)
    {
        (await GetMeAsync($"{scheme} {await AccessTokenAsync()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resource_NoToken_Returns401WithPlainBearerChallenge()
    {
        var response = await _http.GetAsync("/users/me/");

        await response.ShouldAnswer(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task Resource_AnotherScheme_IsTreatedAsNoToken()
    {
        var response = await GetMeAsync("Basic dXNlcjpwYXNz");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task Resource_TokenInQueryString_IsIgnored()
    {
        var response = await _http.GetAsync($"/users/me/?access_token={await AccessTokenAsync()}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task Resource_TokenInCookie_IsIgnored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/users/me/");
        request.Headers.Add("Cookie", $"access_token={await AccessTokenAsync()}");

        (await _http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer", "Invalid token header. No credentials provided.")]
    [InlineData("Bearer   ", "Invalid token header. No credentials provided.")]
    [InlineData("Bearer abc def", "Invalid token header. Token string should not contain spaces.")]
    public async Task Resource_MalformedAuthorizationHeader_Returns400InvalidRequest(string header, string detail)
    {
        var response = await GetMeAsync(header);

        await response.ShouldAnswer(HttpStatusCode.BadRequest, new JsonObject { ["detail"] = detail }.ToJsonString());
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\",error=\"invalid_request\"");
    }

    [Fact]
    public async Task Resource_GarbageToken_Returns401InvalidToken()
    {
        await ShouldBeInvalidToken(await GetMeAsync("Bearer not-a-jwt"));
    }

    public static TheoryData<string> Forgeries =>
    [
        "wrong iss", "wrong aud", "typ JWT", "no typ", "alg none", "alg HS256 keyed with our public key", "tampered payload",
        "stripped signature", "unknown kid", "no kid", "jwk header with another key", "jku header", "x5u header", "crit header", "no exp",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Resource_ForgedOrAlteredToken_Returns401InvalidToken(string forgery)
    {
        var forge = new TokenForge(app, await AccessTokenAsync());
        using var attacker = RSA.Create(2048);
        var attackerKid = JwkThumbprint.Of(attacker.ExportParameters(false));
        var attackerJwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = attackerKid,
            ["n"] = WebEncoders.Base64UrlEncode(attacker.ExportParameters(false).Modulus!),
            ["e"] = WebEncoders.Base64UrlEncode(attacker.ExportParameters(false).Exponent!),
        };

        var token = forgery switch
        {
            "wrong iss" => forge.SignedByUs(payload: p => p["iss"] = "https://evil.example.com"),
            "wrong aud" => forge.SignedByUs(payload: p => p["aud"] = "another-api"),
            "typ JWT" => forge.SignedByUs(header: h => h["typ"] = "JWT"),
            "no typ" => forge.SignedByUs(header: h => h.Remove("typ")),
            "alg none" => forge.Unsigned(),
            "alg HS256 keyed with our public key" => forge.HmacWithPublicKey(),
            "tampered payload" => forge.TamperedPayload(),
            "stripped signature" => forge.StrippedSignature(),
            "unknown kid" => forge.SignedBy(attacker, h => h["kid"] = attackerKid),
            "no kid" => forge.SignedByUs(header: h => h.Remove("kid")),
            "jwk header with another key" => forge.SignedBy(attacker, h => { h["kid"] = attackerKid; h["jwk"] = attackerJwk; }),
            "jku header" => forge.SignedBy(attacker, h => { h["kid"] = attackerKid; h["jku"] = "http://127.0.0.1:9/jwks.json"; }),
            "x5u header" => forge.SignedBy(attacker, h => { h["kid"] = attackerKid; h["x5u"] = "http://127.0.0.1:9/cert.pem"; }),
            "crit header" => forge.SignedByUs(header: h => { h["crit"] = new JsonArray("exp-ext"); h["exp-ext"] = true; }),
            "no exp" => forge.SignedByUs(payload: p => p.Remove("exp")),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        await ShouldBeInvalidToken(await GetMeAsync($"Bearer {token}"));
    }

    [Fact]
    public async Task Resource_TokenReSignedByUsUnchanged_IsAccepted()
    {
        // The control for the forgeries above: our own re-signing alone does not break a token.
        var forge = new TokenForge(app, await AccessTokenAsync());

        (await GetMeAsync($"Bearer {forge.SignedByUs()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resource_ExpiredToken_Returns401InvalidToken()
    {
        using var past = FakeClockApp.StartingAt(DateTimeOffset.UtcNow.AddSeconds(-36000 - 31));
        var http = past.CreateClient();
        var token = (await http.LoginAsync(past.AddClient(), await http.SignUpAsync())).AccessToken;

        var request = new HttpRequestMessage(HttpMethod.Get, "/users/me/").WithBearer(token);
        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be(InvalidToken);
    }

    [Fact]
    public async Task Resource_TokenWithoutReadScope_Returns403NamingTheScope()
    {
        var response = await GetMeAsync($"Bearer {await AccessTokenAsync(scope: "write groups")}");

        await response.ShouldAnswer(HttpStatusCode.Forbidden, """{"detail":"You do not have permission to perform this action."}""");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\",error=\"insufficient_scope\",scope=\"read\"");
    }

    [Fact]
    public async Task Resource_WriteWithoutWriteScope_Returns403NamingTheScope()
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/users/me/").WithBearer(await AccessTokenAsync(scope: "read"));
        request.Content = JsonContent("""{"password":"x","new_password":"y"}""");

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\",error=\"insufficient_scope\",scope=\"write\"");
    }

    [Fact]
    public async Task Resource_HeadNeedsReadScopeLikeGet()
    {
        var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/users/me/").WithBearer(await AccessTokenAsync(scope: "write")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Resource_MethodTheEndpointLacks_Returns405BeforeAuthentication(string method)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/users/me/"));

        await response.ShouldAnswer(HttpStatusCode.MethodNotAllowed, new JsonObject { ["detail"] = $"Method \"{method}\" not allowed." }.ToJsonString());
        response.Content.Headers.Allow.Should().Equal("GET", "PATCH", "DELETE", "HEAD", "OPTIONS");
    }

    [Fact]
    public async Task UnknownPath_AnswersJsonNeverHtml()
    {
        var response = await _http.GetAsync("/no/such/page/");

        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        ((int)response.StatusCode).Should().BeOneOf(401, 404);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
