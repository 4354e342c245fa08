using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Storage.Postgres;

/// <summary>Two real server processes on one PostgreSQL database, and a client that alternates between them.</summary>
[Collection(nameof(ServerProcess))]
public sealed class TwoInstancesTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    /// <summary>The README's bound: a revocation made on one instance is refused by every other within this.</summary>
    private static readonly TimeSpan PropagationBound = TimeSpan.FromSeconds(5);

    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-two-").FullName;
    private TestPostgres.IsolatedSchema? _schema;

    public void Dispose()
    {
        _schema?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["AuthJwt:Storage:Provider"] = "postgres",
        ["AuthJwt:Storage:ConnectionString"] = _schema!.ConnectionString,
        ["AuthJwt:Keys:EncryptionKey"] = EncryptionKey,
        ["AuthJwt:PasswordHashing:MemoryKiB"] = "1024",
        ["AuthJwt:PasswordHashing:Iterations"] = "1",
        ["AuthJwt:Throttling:Enabled"] = "false",
    };

    private static readonly string EncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [SkippableFact]
    public async Task AClientAlternatingBetweenTwoInstances_SeesOneService()
    {
        _schema = TestPostgres.NewSchema();
        // Started together on an empty database: one schema, one signing key.
        var starting = new[] { AppProcess.StartAsync(Folder("a"), Settings()), AppProcess.StartAsync(Folder("b"), Settings()) };
        await using var a = await starting[0];
        await using var b = await starting[1];
        var jwksA = await a.Http.GetStringAsync("/.well-known/jwks.json");
        JsonNode.Parse(jwksA)!["keys"]!.AsArray().Should().ContainSingle("two instances starting together end with one key");
        (await b.Http.GetStringAsync("/.well-known/jwks.json")).Should().Be(jwksA);

        // The command line on postgres talks to the database itself.
        var added = await CliProcess.RunAsync(Folder("ops"), null, Settings(), "apps", "add", "--name", "two", "--client-type", "public", "--json");
        added.ExitCode.Should().Be(0, added.Error);
        var client = new TestClient((string)JsonNode.Parse(added.Output)!["client_id"]!, null);

        var username = await a.Http.SignUpAsync();
        var login = await b.Http.LoginAsync(client, username);
        (await a.Http.GetWithBearerAsync("/users/me/", login.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK, "a token B issued is valid on A");
        var refreshed = await (await a.Http.RefreshAsync(client, login.RefreshToken)).ShouldBeTokensAsync();

        // The first token, two rotations old (no grace covers it), replayed on B: reuse detected, the family revoked on both.
        await (await a.Http.RefreshAsync(client, refreshed.RefreshToken)).ShouldBeTokensAsync();
        var replayed = await b.Http.RefreshAsync(client, login.RefreshToken);
        replayed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await EventuallyAsync(async () => (await a.Http.GetWithBearerAsync("/users/me/", refreshed.AccessToken)).StatusCode == HttpStatusCode.Unauthorized);
        await EventuallyAsync(async () => (await b.Http.GetWithBearerAsync("/users/me/", refreshed.AccessToken)).StatusCode == HttpStatusCode.Unauthorized);

        // A revocation on B is refused on A within the bound.
        var fresh = await a.Http.LoginAsync(client, username);
        (await a.Http.GetWithBearerAsync("/users/me/", fresh.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        var revokedAt = Stopwatch.StartNew();
        (await b.Http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", fresh.AccessToken)])).StatusCode.Should().Be(HttpStatusCode.OK);
        await EventuallyAsync(async () => (await a.Http.GetWithBearerAsync("/users/me/", fresh.AccessToken)).StatusCode == HttpStatusCode.Unauthorized);
        revokedAt.Elapsed.Should().BeLessThan(PropagationBound);
        output.WriteLine($"revocation on B refused on A after {revokedAt.Elapsed.TotalMilliseconds:0} ms");

        // 20 refreshes of one token at once, split across A and B: one rotation, no 500.
        var contested = await a.Http.LoginAsync(client, username);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).Http.RefreshAsync(client, contested.RefreshToken)));
        answers.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.BadRequest);
        var successors = new HashSet<string>();
        foreach (var answer in answers.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            successors.Add((string)(await answer.JsonAsync())["refresh_token"]!);
        }

        successors.Should().ContainSingle("one rotation; a concurrent retry in the grace window gets the same successor");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.Should().BeLessThan(PropagationBound, "every instance refuses it within the stated bound");
            await Task.Delay(100);
        }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
}
