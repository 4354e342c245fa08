using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Jwt.Storage;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Cli;

/// <summary>
/// The local admin channel: a Unix domain socket beside the database (mode 0600, in the service's
/// own 0700 folder). The server owns the LiteDB file; a command line run on the same data sends its
/// command here instead of opening the file, so both sides' writes go through one engine.
/// One JSON request and one JSON answer per connection.
/// </summary>
public static class AdminChannel
{
    private const int MaxMessageBytes = 64 * 1024;

    public static string? SocketPathFor(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return string.IsNullOrEmpty(storage.DatabasePath) ? null : storage.AdminSocketFullPath;
    }

    /// <summary>A server answers on the socket (a file left by a crashed server does not count).</summary>
    public static bool IsServing(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<int> SendAsync(string socketPath, string[] args, string? secret, TextWriter output, TextWriter error)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await WriteMessageAsync(stream, new AdminRequest(args, secret));
        socket.Shutdown(SocketShutdown.Send);
        var answer = await ReadMessageAsync<AdminAnswer>(stream) ?? new AdminAnswer(AdminCommandLine.Failure, "", "error: the server sent no answer\n");
        await output.WriteAsync(answer.Stdout);
        await error.WriteAsync(answer.Stderr);
        return answer.Exit;
    }

    internal static async Task WriteMessageAsync<T>(Stream stream, T message)
    {
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(message));
        await stream.FlushAsync();
    }

    internal static async Task<T?> ReadMessageAsync<T>(Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxMessageBytes)
            {
                throw new InvalidDataException("Admin message too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? default : JsonSerializer.Deserialize<T>(buffer.ToArray());
    }
}

public sealed record AdminRequest([property: JsonPropertyName("args")] string[] Args, [property: JsonPropertyName("secret")] string? Secret);

public sealed record AdminAnswer([property: JsonPropertyName("exit")] int Exit, [property: JsonPropertyName("stdout")] string Stdout, [property: JsonPropertyName("stderr")] string Stderr);

/// <summary>The server's end of the admin channel: runs each received command on the server's own services.</summary>
public sealed partial class AdminSocketServer(IServiceProvider services, IOptions<StorageOptions> storage, ILogger<AdminSocketServer> logger) : BackgroundService
{
    private readonly ILogger _logger = logger;

    public string SocketPath { get; } = storage.Value.AdminSocketFullPath;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database lock guarantees no other server uses this folder: a socket file here is stale.
        File.Delete(SocketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        listener.Listen(16);
        Listening(SocketPath);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var connection = await listener.AcceptAsync(stoppingToken);
                _ = Task.Run(() => ServeAsync(connection, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            File.Delete(SocketPath);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stoppingToken)
    {
        using (connection)
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            AdminAnswer answer;
            try
            {
                var request = await AdminChannel.ReadMessageAsync<AdminRequest>(stream, stoppingToken);
                if (request is null)
                {
                    // A probe (IsServing) connects and leaves without a command.
                    return;
                }

                using var output = new StringWriter();
                using var error = new StringWriter();
                var args = request.Args ?? [];
                var exit = await AdminCommandLine.RunOnServerAsync(args, request.Secret, services, output, error);
                // The command, never its arguments or password: a password is never in argv, but names may be personal.
                CommandRun(string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2)), exit);
                answer = new AdminAnswer(exit, output.ToString(), error.ToString());
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
            {
                answer = new AdminAnswer(AdminCommandLine.Failure, "", $"error: {e.Message}\n");
            }

            await AdminChannel.WriteMessageAsync(stream, answer);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Admin channel listening on {SocketPath}")]
    private partial void Listening(string socketPath);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Admin command '{Command}' ran with exit code {ExitCode}")]
    private partial void CommandRun(string command, int exitCode);
}
