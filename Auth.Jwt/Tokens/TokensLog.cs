namespace Auth.Jwt.Tokens;

/// <summary>Audit events of the token endpoints: ids and error codes, never a credential or token.</summary>
public sealed partial class TokensLog(ILogger<TokensLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Password grant succeeded for user {UserId}, client {ClientId}, family {FamilyId}, IP {ClientIp}")]
    public partial void LoginSucceeded(string userId, string clientId, string familyId, string? clientIp);

    /// <summary>The attempted name is a digest (<see cref="Throttling.AuditName"/>), never the name itself.</summary>
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Password grant failed for name {AttemptedName}, client {ClientId}, IP {ClientIp}")]
    public partial void LoginFailed(string attemptedName, string clientId, string? clientIp);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Password grant throttled for name {AttemptedName}, client {ClientId}, IP {ClientIp}")]
    public partial void LoginThrottled(string attemptedName, string clientId, string? clientIp);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Refresh token rotated for user {UserId}, client {ClientId}, family {FamilyId} (grace: {WasGrace})")]
    public partial void Refreshed(string userId, string clientId, string familyId, bool wasGrace);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Refresh token reuse detected: family {FamilyId} of user {UserId}, client {ClientId}, revoked")]
    public partial void RefreshReuseDetected(string familyId, string userId, string clientId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Refresh token family {FamilyId} revoked by client {ClientId}")]
    public partial void RefreshTokenRevoked(string familyId, string clientId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Access token {Jti} revoked by client {ClientId}")]
    public partial void AccessTokenRevoked(string jti, string clientId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Token request refused: {Error}, client {ClientId}")]
    public partial void Refused(string error, string? clientId);
}
