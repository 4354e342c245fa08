using System.Net;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Http;

public sealed class ResponseHardeningTests
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/o/token/")]
    [InlineData("/users/me/")]
    [InlineData("/no/such/path/")]
    [InlineData("/.well-known/jwks.json")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        using var app = new AuthJwtApp();

        var response = await app.CreateClient().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task Answers_AreNotCachedUnlessPublicByDesign()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var tokens = await http.LoginAsync(app.AddClient(), await http.SignUpAsync());

        (await http.GetWithBearerAsync("/users/me/", tokens.AccessToken)).Headers.CacheControl!.NoStore.Should().BeTrue();
        (await http.GetAsync("/.well-known/jwks.json")).Headers.CacheControl!.Public.Should().BeTrue();
    }

    [Fact]
    public async Task Cors_IsOffByDefault()
    {
        using var app = new AuthJwtApp();

        var response = await app.CreateClient().SendAsync(Preflight("https://app.example.com", "/o/token/", "POST"));

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Theory]
    [InlineData("/o/token/", "POST")]
    [InlineData("/o/revoke_token/", "POST")]
    [InlineData("/users/me/", "GET")]
    [InlineData("/users/me/", "PATCH")]
    public async Task Cors_PreflightFromAConfiguredOrigin_IsAllowed(string path, string method)
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:Cors:AllowedOrigins"] = "https://app.example.com https://admin.example.com";

        var response = await app.CreateClient().SendAsync(Preflight("https://app.example.com", path, method));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example.com");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain(method);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant().Should().Contain("authorization");
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
    }

    [Fact]
    public async Task Cors_PreflightFromAnotherOrigin_IsRefused()
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:Cors:AllowedOrigins"] = "https://app.example.com";

        var response = await app.CreateClient().SendAsync(Preflight("https://evil.example.net", "/o/token/", "POST"));

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task UnexpectedException_GivesJson500WithACorrelationId_AndTheLogHasTheTrace()
    {
        using var app = new ThrowingApp();
        var http = app.CreateClient();
        var tokens = await http.LoginAsync(app.AddClient(), await http.SignUpAsync());

        var response = await http.GetWithBearerAsync("/boom/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadAsStringAsync();
        var correlationId = (string)(await response.JsonAsync())["correlation_id"]!;
        correlationId.Should().NotBeNullOrEmpty();
        body.Should().NotContain("InvalidOperationException").And.NotContain(" at ").And.NotContain("kaboom");
        app.Logs.Lines.Should().Contain(line => line.Contains(correlationId) && line.Contains("kaboom") && line.Contains(" at "));
    }

    private static HttpRequestMessage Preflight(string origin, string path, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    /// <summary>The app with one path that fails inside the pipeline, after authorization.</summary>
    private sealed class ThrowingApp : AuthJwtApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, Boom>());
        }

        private sealed class Boom : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                // Appended after the app's own middleware: reached inside its exception handler, past authorization.
                app.Run(context => context.Request.Path == "/boom/" ? throw new InvalidOperationException("kaboom") : Task.CompletedTask);
            };
        }
    }
}
