using System.Globalization;
using Auth.Jwt.Clients;
using Auth.Jwt.Http;
using Auth.Jwt.Security;
using Auth.Jwt.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Keys;

/// <summary>What other services need to trust our tokens: the JWKS (RFC 7517) and RFC 8414 metadata.</summary>
public static class KeyEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    public static void MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(JwksPath, ["GET", "HEAD"], (HttpContext context, SigningKeys keys, IOptions<KeyOptions> options) =>
        {
            context.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={options.Value.JwksMaxAgeSeconds}");
            // Public members only: never d, p, q, dp, dq or qi.
            var published = keys.Published.Select(key =>
            {
                var parameters = key.PublicParameters;
                return new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = JwtParameters.Algorithm,
                    ["kid"] = key.Kid,
                    ["n"] = WebEncoders.Base64UrlEncode(parameters.Modulus!),
                    ["e"] = WebEncoders.Base64UrlEncode(parameters.Exponent!),
                };
            });
            return Results.Json(new Dictionary<string, object> { ["keys"] = published }, Drf.JsonOptions);
        }).AllowAnonymous().WithName("Jwks")
            .WithSummary("The public signing keys (RFC 7517).")
            .Produces<JwksResponse>();

        app.MapMethods(MetadataPath, ["GET", "HEAD"], (IOptions<TokenOptions> options) =>
        {
            var issuer = options.Value.Issuer;
            var baseUrl = issuer.TrimEnd('/');
            string[] authMethods = ["client_secret_basic", "client_secret_post", "none"];
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["token_endpoint"] = baseUrl + "/o/token/",
                ["jwks_uri"] = baseUrl + JwksPath,
                ["revocation_endpoint"] = baseUrl + "/o/revoke_token/",
                ["introspection_endpoint"] = baseUrl + "/o/introspect/",
                ["grant_types_supported"] = GrantTypes.Supported,
                ["token_endpoint_auth_methods_supported"] = authMethods,
                ["revocation_endpoint_auth_methods_supported"] = authMethods,
                ["introspection_endpoint_auth_methods_supported"] = authMethods[..2],
                ["scopes_supported"] = options.Value.ScopeList,
                // No authorization endpoint: no response type is supported.
                ["response_types_supported"] = Array.Empty<string>(),
            }, Drf.JsonOptions);
        }).AllowAnonymous().WithName("AuthorizationServerMetadata")
            .WithSummary("Authorization server metadata (RFC 8414).")
            .Produces<Dictionary<string, object>>();
    }
}
