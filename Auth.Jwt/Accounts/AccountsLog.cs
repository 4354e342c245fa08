namespace Auth.Jwt.Accounts;

/// <summary>Audit events of accounts. Ids only: never a password or a username in the clear.</summary>
public sealed partial class AccountsLog(ILogger<AccountsLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId} signed up")]
    public partial void SignedUp(string userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "User {UserId} password rehashed with the configured Argon2 parameters")]
    public partial void PasswordRehashed(string userId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "User {UserId} changed password; {Families} sessions revoked")]
    public partial void PasswordChanged(string userId, int families);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "User {UserId} deleted; {Families} sessions revoked")]
    public partial void Deleted(string userId, int families);
}
