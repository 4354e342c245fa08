using System.Net;
using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Http;

/// <summary>Limits only the real server enforces (the test host has no Kestrel).</summary>
[Collection(nameof(ServerProcess))]
public sealed class KestrelLimitsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-kestrel-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task HugeHeaders_AreRefusedBeforeTheApp()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('x', 64 * 1024));

        var response = await server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task ChunkedBodyOver64KiB_IsRefusedByTheRealServer()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}
