using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Auth.Jwt.Http;

/// <summary>
/// The public API contract at <c>/openapi/v1.json</c>, in every environment: endpoints, bodies,
/// answers, and the Bearer scheme on every endpoint that needs a token.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                RestoreTrailingSlashes(document, context.ApplicationServices);
                document.Info = new OpenApiInfo
                {
                    Title = "Auth.Jwt",
                    Version = "v1",
                    Description = "Sign-up, an OAuth2 token endpoint (password and refresh_token grants), RFC 7009 revocation, RFC 7662 introspection and RS256 JWT access tokens.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from POST /o/token/, in the Authorization header only.",
                };
                document.Components.SecuritySchemes["ClientBasic"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "basic",
                    Description = "A confidential client's client_id and client_secret (RFC 6749 2.3.1), or both in the form.",
                };
                // /metrics is the exporter's endpoint, not a route handler, so it is described here.
                document.Paths ??= new OpenApiPaths();
                document.Paths[Telemetry.MetricsEndpoint.Path] = new OpenApiPathItem
                {
                    Operations = new Dictionary<HttpMethod, OpenApiOperation>
                    {
                        [HttpMethod.Get] = new()
                        {
                            Summary = "Prometheus metrics (loopback only unless AuthJwt:Metrics:AllowRemote).",
                            OperationId = "Metrics",
                            Responses = new OpenApiResponses
                            {
                                ["200"] = new OpenApiResponse
                                {
                                    Description = "Prometheus text exposition format.",
                                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                                },
                                ["404"] = new OpenApiResponse { Description = "Asked from another host." },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The generator drops a route's trailing slash, but <c>/sign_up/</c> and <c>/sign_up</c> are different
    /// URLs and DOT clients call the first: put the slash back where the route has it.
    /// </summary>
    private static void RestoreTrailingSlashes(OpenApiDocument document, IServiceProvider services)
    {
        var slashed = services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.Length > 1 && p.EndsWith('/'))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var path in document.Paths.Keys.ToList())
        {
            if (slashed.Contains(path + "/"))
            {
                document.Paths[path + "/"] = document.Paths[path];
                document.Paths.Remove(path);
            }
        }
    }

    public static void MapApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(DocumentPath).AllowAnonymous().ExcludeFromDescription();

    /// <summary>
    /// Documents a body the endpoint reads itself. Not <c>Accepts&lt;T&gt;</c>: that metadata makes routing
    /// answer 415 on its own, where the contract wants DRF's 415 or RFC 6749's invalid_request.
    /// </summary>
    public static RouteHandlerBuilder AcceptsBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes)
        where T : notnull =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });
}
