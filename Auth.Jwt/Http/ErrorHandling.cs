using Auth.Jwt.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Auth.Jwt.Http;

/// <summary>
/// The last line: no stack trace or HTML page ever reaches a client. OAuth paths answer
/// in RFC 6749's shape, everything else in DRF's.
/// </summary>
public sealed partial class ErrorHandler(ILogger<ErrorHandler> logger) : IExceptionHandler
{
    private readonly ILogger _logger = logger;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var isOAuth = context.Request.Path.StartsWithSegments("/o", StringComparison.Ordinal);
        IResult result;
        if (exception is ServerBusyException busy)
        {
            response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = isOAuth
                ? new Tokens.OAuthError(StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", "The server is busy; retry later.").ToResult(context)
                : Drf.Detail(StatusCodes.Status503ServiceUnavailable, "The server is busy; retry later.");
        }
        else if (exception is Storage.StorageUnavailableException unavailable)
        {
            StorageUnavailable(unavailable.Message);
            response.Headers.RetryAfter = Storage.StorageUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = isOAuth
                ? new Tokens.OAuthError(StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", "The service cannot store data right now; retry later.").ToResult(context)
                : Drf.Detail(StatusCodes.Status503ServiceUnavailable, "The service cannot store data right now; retry later.");
        }
        else if (exception is Throttling.ThrottledException throttled)
        {
            var wait = (int)Math.Ceiling(throttled.Wait.TotalSeconds);
            response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = Drf.Detail(StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {wait} seconds.");
        }
        else if (exception is BadHttpRequestException badRequest)
        {
            result = isOAuth
                ? new Tokens.OAuthError(badRequest.StatusCode, "invalid_request", "The request could not be read.").ToResult(context)
                : Drf.Detail(badRequest.StatusCode, "The request could not be read.");
        }
        else
        {
            var correlationId = context.TraceIdentifier;
            UnhandledException(exception, correlationId);
            result = Results.Json(
                new Dictionary<string, string> { ["detail"] = "Internal server error.", ["correlation_id"] = correlationId },
                Drf.JsonOptions,
                statusCode: StatusCodes.Status500InternalServerError);
        }

        await result.ExecuteAsync(context);
        return true;
    }

    // The message names the file or server and the OS's reason; no stack trace for an outage the operator must fix.
    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Answered 503: {Reason}")]
    private partial void StorageUnavailable(string reason);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled exception, correlation id {CorrelationId}")]
    private partial void UnhandledException(Exception exception, string correlationId);
}
