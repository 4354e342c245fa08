using System.Net.Sockets;

namespace Auth.Jwt.Cli.Admin;

/// <summary>The admin API of a running server, over its Unix socket.</summary>
public sealed class AdminHttpClient : IAdminApi, IDisposable
{
    /// <summary>Connecting to a local socket is immediate when a server listens; longer means it is wedged.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The slowest command (a backup of a large file) stays well inside this.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private Socket? _connected;

    /// <param name="socketPath">The server's admin socket.</param>
    /// <param name="connected">A connection already made to it (the one that found the server), used first.</param>
    public AdminHttpClient(string socketPath, Socket? connected = null)
    {
        SocketPath = socketPath;
        _connected = connected;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            ConnectCallback = async (_, cancellationToken) =>
            {
                if (Interlocked.Exchange(ref _connected, null) is { } ready)
                {
                    return new NetworkStream(ready, ownsSocket: true);
                }

                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost" + AdminEndpoints.Prefix + "/"), Timeout = AnswerTimeout };
    }

    public string SocketPath { get; }

    /// <summary>A connection to the server on the socket, or null when none answers (no file, or one left by a stopped server).</summary>
    public static async Task<Socket?> TryConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return null;
        }
    }

    public Task<AdminResult<AppCreated>> AddAppAsync(AddAppRequest request, CancellationToken cancellationToken) =>
        SendAsync<AppCreated>(HttpMethod.Post, "apps", request, cancellationToken);

    public Task<AdminResult<IReadOnlyList<AppSummary>>> ListAppsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppSummary>>(HttpMethod.Get, "apps", null, cancellationToken);

    public Task<AdminResult<Done>> RemoveAppAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<Done>(HttpMethod.Delete, $"apps/{Segment(clientId)}", null, cancellationToken);

    public Task<AdminResult<AppSecret>> RotateAppSecretAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<AppSecret>(HttpMethod.Post, $"apps/{Segment(clientId)}/secret", null, cancellationToken);

    public Task<AdminResult<UserSummary>> AddUserAsync(AddUserRequest request, CancellationToken cancellationToken) =>
        SendAsync<UserSummary>(HttpMethod.Post, "users", request, cancellationToken);

    public Task<AdminResult<IReadOnlyList<UserSummary>>> ListUsersAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<UserSummary>>(HttpMethod.Get, "users", null, cancellationToken);

    public Task<AdminResult<Done>> RemoveUserAsync(string username, CancellationToken cancellationToken) =>
        SendAsync<Done>(HttpMethod.Delete, $"users/{Segment(username)}", null, cancellationToken);

    public Task<AdminResult<Done>> SetPasswordAsync(string username, SetPasswordRequest request, CancellationToken cancellationToken) =>
        SendAsync<Done>(HttpMethod.Put, $"users/{Segment(username)}/password", request, cancellationToken);

    public Task<AdminResult<SessionsEnded>> EndSessionsAsync(string username, CancellationToken cancellationToken) =>
        SendAsync<SessionsEnded>(HttpMethod.Delete, $"users/{Segment(username)}/sessions", null, cancellationToken);

    public Task<AdminResult<IReadOnlyList<KeySummary>>> ListKeysAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<KeySummary>>(HttpMethod.Get, "keys", null, cancellationToken);

    public Task<AdminResult<KeyCreated>> RotateKeyAsync(bool now, CancellationToken cancellationToken) =>
        SendAsync<KeyCreated>(HttpMethod.Post, now ? "keys?now=true" : "keys", null, cancellationToken);

    public Task<AdminResult<Done>> RetireKeyAsync(string kid, CancellationToken cancellationToken) =>
        SendAsync<Done>(HttpMethod.Post, $"keys/{Segment(kid)}/retire", null, cancellationToken);

    public Task<AdminResult<Done>> RemoveKeyAsync(string kid, bool force, CancellationToken cancellationToken) =>
        SendAsync<Done>(HttpMethod.Delete, $"keys/{Segment(kid)}" + (force ? "?force=true" : ""), null, cancellationToken);

    public Task<AdminResult<BackupWritten>> BackupAsync(BackupRequest request, CancellationToken cancellationToken) =>
        SendAsync<BackupWritten>(HttpMethod.Post, "backups", request, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        Interlocked.Exchange(ref _connected, null)?.Dispose();
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private async Task<AdminResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: AdminJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AdminUnreachableException($"the server at {SocketPath} did not take the command ({e.Message})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminUnreachableException($"the server at {SocketPath} did not answer within {AnswerTimeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(AdminJson.Options, cancellationToken)
                        ?? throw new AdminUnreachableException($"the server at {SocketPath} sent an empty answer");
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new AdminUnreachableException($"the server at {SocketPath} sent an answer this command line does not understand (is it another version?)", e);
                }
            }

            try
            {
                if (await response.Content.ReadFromJsonAsync<AdminError>(AdminJson.Options, cancellationToken) is { } refused)
                {
                    return new AdminFailure((int)response.StatusCode, refused.Error);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a refusal of the admin API (a 500 from the error handler): its status says enough.
            }

            return new AdminFailure((int)response.StatusCode, $"the server could not run the command (HTTP {(int)response.StatusCode}); its log says why");
        }
    }
}

/// <summary>The server could not be reached, or answered outside the admin API.</summary>
public sealed class AdminUnreachableException(string message, Exception? inner = null) : IOException(message, inner);
