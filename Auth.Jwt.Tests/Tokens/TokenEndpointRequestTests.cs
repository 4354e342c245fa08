using System.Net;
using System.Text;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>The request-level rows of DESIGN.md 3: encodings, grant types, methods, client authentication.</summary>
public sealed class TokenEndpointRequestTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Token_NoGrantType_ReturnsInvalidRequest()
    {
        var client = app.AddClient();

        await (await _http.TokenAsync(client, ("username", "a"), ("password", "b"))).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("client_credentials")]
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    [InlineData("PASSWORD")]
    public async Task Token_UnsupportedGrantType_ReturnsUnsupportedGrantType(string grantType)
    {
        var client = app.AddClient();

        await (await _http.TokenAsync(client, ("grant_type", grantType))).ShouldBeOAuthError(HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_JsonBody_ReturnsInvalidRequest()
    {
        var response = await _http.PostJsonAsync("/o/token/", """{"grant_type":"password","username":"a","password":"b"}""");

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_RepeatedParameter_ReturnsInvalidRequest()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        var response = await _http.TokenAsync(client, ("grant_type", "password"), ("username", username), ("password", "wrong"), ("password", Names.GoodPassword));

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_QueryStringOnTheUrl_IsIgnored()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/?grant_type=client_credentials&username=x")
            .Form(("grant_type", "password"), ("username", username), ("password", Names.GoodPassword), ("client_id", client.Id));

        await (await _http.SendAsync(request)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Token_Get_Returns405WithAllow()
    {
        var response = await _http.GetAsync("/o/token/");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().BeEquivalentTo("POST", "OPTIONS");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Token_BodyOver64KiB_Returns413()
    {
        var response = await _http.PostFormAsync("/o/token/", ("grant_type", "password"), ("password", new string('x', 70_000)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.JsonAsync())["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Token_UnknownClient_Returns401InvalidClientWithBasicChallenge()
    {
        var response = await _http.TokenAsync(new TestClient("no-such-client", null), ("grant_type", "password"), ("username", "a"), ("password", "b"));

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_NoClientAtAll_Returns401InvalidClient()
    {
        var response = await _http.PostFormAsync("/o/token/", ("grant_type", "password"), ("username", "a"), ("password", "b"));

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_ConfidentialClientWithoutSecret_Returns401InvalidClient()
    {
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();

        var response = await _http.TokenAsync(client with { Secret = null }, ("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_ConfidentialClientWithWrongSecret_Returns401InvalidClient()
    {
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();

        var response = await _http.TokenAsync(client with { Secret = client.Secret![..^1] + "x" }, ("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_PublicClientSendingASecret_HasItCheckedAndRefused()
    {
        var client = app.AddClient(ClientType.Public);
        var username = await _http.SignUpAsync();

        var response = await _http.TokenAsync(client with { Secret = "anything" }, ("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));

        await response.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_MalformedBasicHeader_Returns401InvalidClient()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/").Form(("grant_type", "password"), ("username", "a"), ("password", "b"));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic not-base64!");

        await (await _http.SendAsync(request)).ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_BasicCredentialsAreFormUrlDecoded()
    {
        // RFC 6749 2.3.1: id and secret are form-urlencoded before Basic encoding.
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();
        var encodedId = string.Concat(client.Id.Select(c => $"%{(int)c:X2}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/").Form(("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{encodedId}:{client.Secret}")));

        await (await _http.SendAsync(request)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Token_BasicAndFormSecretTogether_ReturnsInvalidRequest()
    {
        var client = app.AddClient(ClientType.Confidential);
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/")
            .WithBasic(client.Id, client.Secret!)
            .Form(("grant_type", "password"), ("username", "a"), ("password", "b"), ("client_secret", client.Secret!));

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Token_ClientIsCheckedBeforeTheUser()
    {
        var username = await _http.SignUpAsync();

        var badClientGoodUser = await _http.TokenAsync(new TestClient("no-such-client", null), ("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));
        var badClientBadUser = await _http.TokenAsync(new TestClient("no-such-client", null), ("grant_type", "password"), ("username", username), ("password", "wrong"));

        await badClientGoodUser.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
        await badClientBadUser.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
    }
}
