namespace Auth.Jwt.Cli.Admin;

/// <summary>
/// Every admin command, once. <see cref="AdminOperations"/> runs them on this process's services (the
/// server's, or the command line's own when no server runs); <see cref="AdminHttpClient"/> sends them to
/// a running server, whose admin endpoints call its <see cref="AdminOperations"/>.
/// </summary>
public interface IAdminApi
{
    Task<AdminResult<AppCreated>> AddAppAsync(AddAppRequest request, CancellationToken cancellationToken);

    Task<AdminResult<IReadOnlyList<AppSummary>>> ListAppsAsync(CancellationToken cancellationToken);

    Task<AdminResult<Done>> RemoveAppAsync(string clientId, CancellationToken cancellationToken);

    Task<AdminResult<AppSecret>> RotateAppSecretAsync(string clientId, CancellationToken cancellationToken);

    Task<AdminResult<UserSummary>> AddUserAsync(AddUserRequest request, CancellationToken cancellationToken);

    Task<AdminResult<IReadOnlyList<UserSummary>>> ListUsersAsync(CancellationToken cancellationToken);

    Task<AdminResult<Done>> RemoveUserAsync(string username, CancellationToken cancellationToken);

    Task<AdminResult<Done>> SetPasswordAsync(string username, SetPasswordRequest request, CancellationToken cancellationToken);

    Task<AdminResult<SessionsEnded>> EndSessionsAsync(string username, CancellationToken cancellationToken);

    Task<AdminResult<IReadOnlyList<KeySummary>>> ListKeysAsync(CancellationToken cancellationToken);

    Task<AdminResult<KeyCreated>> RotateKeyAsync(bool now, CancellationToken cancellationToken);

    Task<AdminResult<Done>> RetireKeyAsync(string kid, CancellationToken cancellationToken);

    Task<AdminResult<Done>> RemoveKeyAsync(string kid, bool force, CancellationToken cancellationToken);

    Task<AdminResult<BackupWritten>> BackupAsync(BackupRequest request, CancellationToken cancellationToken);
}
