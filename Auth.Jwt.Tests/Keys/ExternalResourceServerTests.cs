using System.Net;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Tests.Keys;

/// <summary>Another service that trusts our tokens from our published keys alone (DESIGN.md 5).</summary>
public sealed class ExternalResourceServerTests
{
    [Fact]
    public async Task ResourceServer_WithOnlyOurMetadataUrl_AcceptsOurTokensAndRejectsThemOnceTheKeyIsRetiredAndRemoved()
    {
        using var auth = new AuthJwtApp();
        var http = auth.CreateClient();
        var client = auth.AddClient();
        var username = await http.SignUpAsync();
        var oldToken = (await http.LoginAsync(client, username)).AccessToken;
        var oldKid = auth.Service<SigningKeys>().Signer.Kid;

        await using (var resource = await StartResourceServerAsync(auth))
        {
            var accepted = await resource.GetTestClient().GetWithBearerAsync("/orders", oldToken);

            accepted.StatusCode.Should().Be(HttpStatusCode.OK);
            (await accepted.Content.ReadAsStringAsync()).Should().Be(username);
        }

        var rotation = auth.Service<KeyRotation>();
        rotation.Rotate(now: true);
        rotation.Remove(oldKid, force: true).Should().BeNull();
        auth.Service<SigningKeys>().Reload();
        var newToken = (await http.LoginAsync(client, username)).AccessToken;

        // A fresh resource server stands for one whose JWKS cache has expired.
        await using (var resource = await StartResourceServerAsync(auth))
        {
            (await resource.GetTestClient().GetWithBearerAsync("/orders", oldToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await resource.GetTestClient().GetWithBearerAsync("/orders", newToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static async Task<WebApplication> StartResourceServerAsync(AuthJwtApp auth)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = "http://localhost:8000/.well-known/oauth-authorization-server";
            options.RequireHttpsMetadata = false;
            options.BackchannelHttpHandler = auth.Server.CreateHandler();
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = "http://localhost:8000",
                ValidAudience = "api",
                ValidTypes = ["at+jwt"],
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                NameClaimType = "username",
            };
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", (HttpContext context) => context.User.Identity!.Name).RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
