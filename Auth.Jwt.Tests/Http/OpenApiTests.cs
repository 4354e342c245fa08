using System.Net;
using System.Text.Json.Nodes;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Auth.Jwt.Tests.Http;

public sealed class OpenApiTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the document is anonymous and served in every environment");
        return (await response.JsonAsync()).AsObject();
    }

    [Fact]
    public async Task OpenApi_DescribesEveryMappedEndpointAndMethod()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var described = app.Service<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Method: m.ToLowerInvariant())))
            .ToList();

        described.Should().NotBeEmpty();
        foreach (var (path, method) in described)
        {
            paths.ContainsKey(path).Should().BeTrue("{0} is mapped", path);
            paths[path]!.AsObject().ContainsKey(method).Should().BeTrue("{0} {1} is mapped", method, path);
        }
    }

    [Theory]
    [InlineData("/sign_up/", "post", "application/json")]
    [InlineData("/sign_up/", "post", "application/x-www-form-urlencoded")]
    [InlineData("/o/token/", "post", "application/x-www-form-urlencoded")]
    [InlineData("/o/revoke_token/", "post", "application/x-www-form-urlencoded")]
    [InlineData("/o/introspect/", "post", "application/x-www-form-urlencoded")]
    [InlineData("/users/me/", "patch", "application/json")]
    public async Task OpenApi_DescribesRequestBodies(string path, string method, string mediaType)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method]!;

        operation["requestBody"]!["content"]![mediaType].Should().NotBeNull();
    }

    [Fact]
    public async Task OpenApi_DeclaresTheBearerSchemeOnProtectedEndpointsOnly()
    {
        var document = await DocumentAsync();

        ((string)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!).Should().Be("bearer");
        document["paths"]!["/users/me/"]!["get"]!["security"]!.AsArray().Should().NotBeEmpty();
        document["paths"]!["/o/token/"]!["post"]!.AsObject().ContainsKey("security").Should().BeFalse();
        document["paths"]!["/o/token/"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["200", "400", "401"]);
        document["paths"]!["/metrics"]!["get"].Should().NotBeNull();
    }
}
