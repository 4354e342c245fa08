using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Security;
using Auth.Jwt.Storage;

namespace Auth.Jwt.Cli.Admin;

/// <summary>The one implementation of each admin command, on this process's own services.</summary>
public sealed class AdminOperations(
    ClientRegistry registry,
    IClientStore clients,
    SignUpService signUp,
    IUserStore users,
    AccountLifecycle accounts,
    KeyRotation keys,
    IStorage storage) : IAdminApi
{
    public Task<AdminResult<AppCreated>> AddAppAsync(AddAppRequest request, CancellationToken cancellationToken)
    {
        if (ParseClientType(request.ClientType) is not { } type)
        {
            return Result<AppCreated>(AdminFailure.Invalid($"client type '{request.ClientType}' is not one of: public, confidential"));
        }

        if (request.GrantTypes.FirstOrDefault(g => !GrantTypes.Supported.Contains(g)) is { } unknown)
        {
            return Result<AppCreated>(AdminFailure.Invalid($"grant type '{unknown}' is not one of: {string.Join(", ", GrantTypes.Supported)}"));
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Result<AppCreated>(AdminFailure.Invalid("an application needs a name"));
        }

        var created = registry.Add(request.Name, type, request.GrantTypes);
        return Result<AppCreated>(new AppCreated(created.Client.Id, created.Secret));
    }

    public Task<AdminResult<IReadOnlyList<AppSummary>>> ListAppsAsync(CancellationToken cancellationToken) =>
        Result<IReadOnlyList<AppSummary>>(clients.ListAll()
            .Select(c => new AppSummary(c.Id, c.Name, ClientTypeName(c.Type), c.GrantTypes, c.CreatedAt))
            .ToList());

    public Task<AdminResult<Done>> RemoveAppAsync(string clientId, CancellationToken cancellationToken) =>
        Result<Done>(registry.Remove(clientId)
            ? new Done($"removed {clientId}")
            : AdminFailure.NotFound($"no application has client_id {clientId}"));

    public Task<AdminResult<AppSecret>> RotateAppSecretAsync(string clientId, CancellationToken cancellationToken) =>
        Result<AppSecret>(registry.RotateSecret(clientId) is { } secret
            ? new AppSecret(clientId, secret)
            : AdminFailure.NotFound($"no confidential application has client_id {clientId}"));

    public async Task<AdminResult<UserSummary>> AddUserAsync(AddUserRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await signUp.SignUpAsync(
                new Field(FieldState.Present, request.Username), new Field(FieldState.Present, request.Password), cancellationToken);
            return result switch
            {
                SignUpResult.Created created => Describe(created.User),
                SignUpResult.Invalid invalid => AdminFailure.Invalid(string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
                _ => throw new InvalidOperationException($"Unexpected sign-up result {result}."),
            };
        }
        catch (ServerBusyException)
        {
            return HashingBusy();
        }
    }

    public Task<AdminResult<IReadOnlyList<UserSummary>>> ListUsersAsync(CancellationToken cancellationToken) =>
        Result<IReadOnlyList<UserSummary>>(users.ListAll().Select(Describe).ToList());

    public Task<AdminResult<Done>> RemoveUserAsync(string username, CancellationToken cancellationToken)
    {
        if (users.FindByUsername(username) is not { } user)
        {
            return Result<Done>(NoSuchUser(username));
        }

        accounts.Delete(user);
        return Result<Done>(new Done($"removed {user.Username}"));
    }

    public async Task<AdminResult<Done>> SetPasswordAsync(string username, SetPasswordRequest request, CancellationToken cancellationToken)
    {
        if (users.FindByUsername(username) is not { } user)
        {
            return NoSuchUser(username);
        }

        try
        {
            var refused = await accounts.ChangePasswordAsync(user, request.Password, cancellationToken);
            return refused.Count > 0
                ? AdminFailure.Invalid("password: " + string.Join(" ", refused))
                : new Done($"password set for {user.Username}; their sessions are revoked");
        }
        catch (ServerBusyException)
        {
            return HashingBusy();
        }
    }

    public Task<AdminResult<SessionsEnded>> EndSessionsAsync(string username, CancellationToken cancellationToken)
    {
        if (users.FindByUsername(username) is not { } user)
        {
            return Result<SessionsEnded>(NoSuchUser(username));
        }

        return Result<SessionsEnded>(new SessionsEnded(user.Username, accounts.RevokeSessions(user.Id)));
    }

    public Task<AdminResult<IReadOnlyList<KeySummary>>> ListKeysAsync(CancellationToken cancellationToken) => !keys.StoreExists
        ? Result<IReadOnlyList<KeySummary>>(AdminFailure.NotFound(
            $"the keys folder {keys.Location} does not exist; a running server keeps signing with the keys in its memory. Restore the folder from a backup, or run 'keys rotate --now' for a new key (tokens signed by the lost keys then stop validating)"))
        : Result<IReadOnlyList<KeySummary>>(keys.List()
            .Select(k => new KeySummary(
                k.Kid,
                k.State.ToString().ToLowerInvariant(),
                k.Metadata.CreatedAt,
                k.Metadata.ActivatesAt == DateTimeOffset.MinValue ? null : k.Metadata.ActivatesAt,
                k.Metadata.RetiredAt,
                k.RemovableAt))
            .ToList());

    public Task<AdminResult<KeyCreated>> RotateKeyAsync(bool now, CancellationToken cancellationToken)
    {
        var created = keys.Rotate(now);
        return Result<KeyCreated>(new KeyCreated(created.Kid, created.Metadata.ActivatesAt));
    }

    public Task<AdminResult<Done>> RetireKeyAsync(string kid, CancellationToken cancellationToken) =>
        Result<Done>(keys.Retire(kid) is { } error ? AdminFailure.Invalid(error) : new Done($"retired {kid}"));

    public Task<AdminResult<Done>> RemoveKeyAsync(string kid, bool force, CancellationToken cancellationToken) =>
        Result<Done>(keys.Remove(kid, force) is { } error ? AdminFailure.Invalid(error) : new Done($"removed {kid}"));

    public Task<AdminResult<BackupWritten>> BackupAsync(BackupRequest request, CancellationToken cancellationToken)
    {
        if (!Path.IsPathFullyQualified(request.Path))
        {
            return Result<BackupWritten>(AdminFailure.Invalid($"the backup path must be absolute, not '{request.Path}'"));
        }

        if (File.Exists(request.Path))
        {
            return Result<BackupWritten>(AdminFailure.Conflict($"{request.Path} already exists; choose a new file"));
        }

        try
        {
            return Result<BackupWritten>(new BackupWritten(request.Path, storage.BackupTo(request.Path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result<BackupWritten>(AdminFailure.Invalid($"cannot write {request.Path}: {e.Message}"));
        }
    }

    private static UserSummary Describe(User user)
    {
        var shown = UserJson.Describe(user);
        return new UserSummary(shown["id"], shown["username"], shown["date_joined"]);
    }

    private static ClientType? ParseClientType(string name) => name switch
    {
        "public" => ClientType.Public,
        "confidential" => ClientType.Confidential,
        _ => null,
    };

    private static string ClientTypeName(ClientType type) => type.ToString().ToLowerInvariant();

    private static AdminFailure NoSuchUser(string username) => AdminFailure.NotFound($"no user is named {username}");

    private static AdminFailure HashingBusy() => AdminFailure.Busy("the server is busy hashing passwords; try again in a moment");

    private static Task<AdminResult<T>> Result<T>(AdminResult<T> result) => Task.FromResult(result);
}
