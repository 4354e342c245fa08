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
        "GET, HEAD /readyz",
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
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsAdmin(e))
            .Select(e => $"{string.Join(", ", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}");

        anonymous.Should().BeEquivalentTo(AllowedAnonymous);
    }

    /// <summary>The admin API has no token: its Unix socket's file mode is its authentication, and it answers nothing else.</summary>
    [Fact]
    public async Task AdminEndpoints_AnswerNothingButTheAdminSocket()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();

        var admin = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsAdmin).ToList();

        admin.Should().NotBeEmpty();
        foreach (var endpoint in admin)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var path = endpoint.RoutePattern.RawText!.Replace("{clientId}", "x").Replace("{username}", "x").Replace("{kid}", "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

            var response = await http.SendAsync(request);

            response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, $"{method} {path} off the admin socket");
        }
    }

    private static bool IsAdmin(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.StartsWith(Auth.Jwt.Cli.Admin.AdminEndpoints.Prefix + "/", StringComparison.Ordinal);
}
