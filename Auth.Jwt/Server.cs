using Auth.Jwt.Accounts;
using Auth.Jwt.Cli.Admin;
using Auth.Jwt.Http;
using Auth.Jwt.Keys;
using Auth.Jwt.Resources;
using Auth.Jwt.Storage;
using Auth.Jwt.Telemetry;
using Auth.Jwt.Throttling;
using Auth.Jwt.Tokens;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Auth.Jwt;

public static class Server
{
    public const string DefaultUrl = "http://127.0.0.1:8000";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The same sources, by the same code, as the command line: it must find what this server uses.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddAuthJwtSources(builder.Environment.ContentRootPath, builder.Environment.EnvironmentName, args);
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        builder.WebHost.UseUrls(urls);
        builder.ListenOnAdminSocket(urls);

        // Defaults live in code: the binary runs with no appsettings.json beside it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes;
            // Kestrel's defaults, stated: what a hostile client can make the server hold per request.
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        builder.Services.AddAuthJwt(builder.Configuration);
        builder.Services.AddBearerAuthentication();
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddHealth();
        builder.Services.AddApiDocument();
        builder.Services.AddSignUpRateLimit();
        builder.Services.AddBrowserCors(builder.Configuration);
        builder.Services.AddForwardedClients(builder.Configuration);
        builder.Services.AddHostedService<StartupChecks>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Pruning>());
        builder.Services.AddHostedService(services => services.GetRequiredService<Denylist>());
        // Nothing here uses Data Protection (no cookies); keep its key ring in memory, off the disk.
        builder.Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider, Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider>();
        builder.Services.AddExceptionHandler<ErrorHandler>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeJson);
        app.UseNoStoreFor("/o");
        app.UseMetricsFromLoopbackOnly();
        app.UseCors();
        app.UseMethodNotAllowedBeforeAuthentication();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSignUp();
        app.MapTokenEndpoint();
        app.MapRevocationEndpoints();
        app.MapKeyEndpoints();
        app.MapMe();
        app.MapPrometheusMetrics();
        app.MapApiDocument();
        app.MapHealth();
        app.MapAdmin();
        app.Lifetime.ApplicationStarted.Register(() => AdminSocket.RestrictToOwner(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value));
        return app;
    }

    /// <summary>Runs until shutdown; a configuration error ends the process with one line naming the key.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter? error = null)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or StartupException or DatabaseInUseException)
        {
            await (error ?? Console.Error).WriteLineAsync($"Auth.Jwt cannot start: {e.Message}");
            return 1;
        }
    }

    // Bare status codes (404 from routing, 405 from the matcher) still answer JSON, never an empty or HTML page.
    private static async Task StatusCodeJson(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var detail = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => Drf.Messages.MethodNotAllowed(context.HttpContext.Request.Method),
            _ => ReasonPhrase(response.StatusCode),
        };
        await Drf.Detail(response.StatusCode, detail).ExecuteAsync(context.HttpContext);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.";
}

/// <summary>A start-up problem the operator must fix (a key readable by others, say).</summary>
public sealed class StartupException(string message) : Exception(message);
