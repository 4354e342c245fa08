using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Auth.Jwt.Tests.Resources;

public sealed class AnonymousEndpointsTests
{
    /// <summary>Everything else needs a token. A new anonymous endpoint must be added here, on purpose.</summary>
    private static readonly string[] AllowedAnonymous =
    [
        "POST /sign_up/",
        "POST /o/token/",
        "POST /o/revoke_token/",
        "POST /o/introspect/",
        "GET, HEAD /.well-known/jwks.json",
        "GET, HEAD /.well-known/oauth-authorization-server",
        "GET, HEAD /healthz",
        "* /metrics",
        "GET /openapi/v1.json",
    ];

    [Fact]
    public void Endpoints_AnonymousOnesAreExactlyTheAllowedList()
    {
        using var app = new AuthJwtApp();
        _ = app.CreateClient();

        var anonymous = app.Service<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => $"{string.Join(", ", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}");

        anonymous.Should().BeEquivalentTo(AllowedAnonymous);
    }
}
