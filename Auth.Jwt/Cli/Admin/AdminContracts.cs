using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Jwt.Cli.Admin;

// The admin API's bodies: the same records cross the socket and are printed by --json.

public sealed record AddAppRequest(string Name, string ClientType, IReadOnlyList<string> GrantTypes);

public sealed record AppCreated(string ClientId, string? ClientSecret);

public sealed record AppSummary(string ClientId, string Name, string ClientType, IReadOnlyList<string> GrantTypes, DateTimeOffset CreatedAt);

public sealed record AppSecret(string ClientId, string ClientSecret);

public sealed record AddUserRequest(string Username, string Password);

public sealed record SetPasswordRequest(string Password);

/// <summary>DRF's user shape (<c>date_joined</c> with microseconds and Z), as <c>/users/me/</c> shows it.</summary>
public sealed record UserSummary(string Id, string Username, string DateJoined);

public sealed record SessionsEnded(string Username, int Sessions);

public sealed record KeySummary(string Kid, string State, DateTimeOffset CreatedAt, DateTimeOffset? ActivatesAt, DateTimeOffset? RetiredAt, DateTimeOffset? RemovableAt);

public sealed record KeyCreated(string Kid, DateTimeOffset ActivatesAt);

/// <summary>The target file, already resolved to a full path by the caller (the server's working directory is not the caller's).</summary>
public sealed record BackupRequest(string Path);

public sealed record BackupWritten(string Path, int Documents);

public sealed record Done(string Message);

/// <summary>Why an admin operation was refused; <see cref="Status"/> is also its HTTP status on the socket.</summary>
public sealed record AdminFailure(int Status, string Error)
{
    public static AdminFailure Invalid(string error) => new(StatusCodes.Status400BadRequest, error);

    public static AdminFailure NotFound(string error) => new(StatusCodes.Status404NotFound, error);

    public static AdminFailure Conflict(string error) => new(StatusCodes.Status409Conflict, error);

    public static AdminFailure Busy(string error) => new(StatusCodes.Status503ServiceUnavailable, error);
}

/// <summary>An answer or a refusal, never both.</summary>
public readonly record struct AdminResult<T>(T? Value, AdminFailure? Failure)
{
    public static implicit operator AdminResult<T>(T value) => new(value, null);

    public static implicit operator AdminResult<T>(AdminFailure failure) => new(default, failure);
}

public static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A missing or null field is a refused body, not a null deep inside an operation.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
