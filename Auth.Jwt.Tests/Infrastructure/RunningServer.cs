using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>
/// The real server (Kestrel on a loopback port, the admin socket) in this process, on a temporary folder.
/// Tests using it belong to the <see cref="Configuration.ServerProcess"/> collection.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, string root, HttpClient http)
    {
        _app = app;
        Root = root;
        Http = http;
    }

    public string Root { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static Dictionary<string, string?> SettingsFor(string root) => new()
    {
        ["AuthJwt:Storage:DatabasePath"] = Path.Combine(root, "data", "auth.db"),
        ["AuthJwt:Keys:Path"] = Path.Combine(root, "keys"),
        ["AuthJwt:PasswordHashing:MemoryKiB"] = "1024",
        ["AuthJwt:PasswordHashing:Iterations"] = "1",
    };

    public static async Task<RunningServer> StartAsync(string root)
    {
        var app = Server.Build([
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            .. SettingsFor(root).Select(s => $"--{s.Key}={s.Value}")]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://127.", StringComparison.Ordinal));
        return new RunningServer(app, root, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
