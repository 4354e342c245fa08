using System.Net;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Http;

/// <summary>DESIGN.md 6: a method an endpoint lacks is 405 with Allow, before authentication, everywhere.</summary>
public sealed class MethodNotAllowedTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Theory]
    [InlineData("PUT", "/healthz", "GET, HEAD, OPTIONS")]
    [InlineData("DELETE", "/.well-known/jwks.json", "GET, HEAD, OPTIONS")]
    [InlineData("POST", "/.well-known/oauth-authorization-server", "GET, HEAD, OPTIONS")]
    [InlineData("TRACE", "/users/me/", "GET, PATCH, DELETE, HEAD, OPTIONS")]
    [InlineData("POST", "/users/me/", "GET, PATCH, DELETE, HEAD, OPTIONS")]
    [InlineData("PUT", "/o/token/", "POST, OPTIONS")]
    [InlineData("GET", "/o/revoke_token/", "POST, OPTIONS")]
    [InlineData("DELETE", "/o/introspect/", "POST, OPTIONS")]
    public async Task WrongMethod_WithoutAToken_Is405WithAllow(string method, string path, string allow)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task WrongMethodOnAnOAuthEndpoint_AnswersInRfc6749Shape()
    {
        var response = await _http.GetAsync("/o/token/");

        await response.ShouldBeOAuthError(HttpStatusCode.MethodNotAllowed, "invalid_request", "Method \"GET\" not allowed.");
        string.Join(", ", response.Content.Headers.Allow).Should().Be("POST, OPTIONS");
    }

    [Theory]
    [InlineData("/o/token/", "POST, OPTIONS")]
    [InlineData("/healthz", "GET, HEAD, OPTIONS")]
    public async Task Options_AnswersAllow(string path, string allow)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Options, path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/.well-known/jwks.json")]
    public async Task Head_OnAnonymousGetEndpoints_IsAnswered(string path)
    {
        (await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
