using System.Net;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Keys;

public sealed class MetadataTests
{
    [Theory]
    [InlineData("http://localhost:8000", "http://localhost:8000")]
    [InlineData("https://auth.example.com/tenant/", "https://auth.example.com/tenant")]
    public async Task Metadata_UrlsAreAbsoluteAndBuiltFromTheIssuer(string issuer, string expectedBase)
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:Tokens:Issuer"] = issuer;

        var response = await app.CreateClient().GetAsync("/.well-known/oauth-authorization-server");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        ((string)json["issuer"]!).Should().Be(issuer);
        ((string)json["token_endpoint"]!).Should().Be($"{expectedBase}/o/token/");
        ((string)json["jwks_uri"]!).Should().Be($"{expectedBase}/.well-known/jwks.json");
        ((string)json["revocation_endpoint"]!).Should().Be($"{expectedBase}/o/revoke_token/");
        ((string)json["introspection_endpoint"]!).Should().Be($"{expectedBase}/o/introspect/");
        foreach (var url in new[] { "token_endpoint", "jwks_uri", "revocation_endpoint", "introspection_endpoint" })
        {
            Uri.IsWellFormedUriString((string)json[url]!, UriKind.Absolute).Should().BeTrue();
        }

        json["grant_types_supported"]!.AsArray().Select(g => (string)g!).Should().Equal("password", "refresh_token");
        json["scopes_supported"]!.AsArray().Select(g => (string)g!).Should().Equal("read", "write", "groups");
        json["token_endpoint_auth_methods_supported"]!.AsArray().Select(g => (string)g!).Should().BeEquivalentTo("client_secret_basic", "client_secret_post", "none");
        json["response_types_supported"]!.AsArray().Should().BeEmpty();
    }
}
