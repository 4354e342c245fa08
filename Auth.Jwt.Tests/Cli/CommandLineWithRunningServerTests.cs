using System.Net;
using System.Text.Json.Nodes;
using Auth.Jwt.Cli;
using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;
using LiteDB;

namespace Auth.Jwt.Tests.Cli;

/// <summary>DESIGN.md 8: the command line works while the server runs, on the same data, and no write is lost.</summary>
[Collection(nameof(ServerProcess))]
public sealed class CommandLineWithRunningServerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-live-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<CliResult> RunCliAsync(string? stdin, params string[] args) => Infrastructure.Cli.RunBesideAsync(_root, stdin, args);

    [Fact]
    public async Task CommandLineAndServer_WritingAtOnce_LoseNothing()
    {
        await using (var server = await RunningServer.StartAsync(_root))
        {
            var signUps = Enumerable.Range(0, 20).Select(i => server.Http.SignUpAsync($"web{i}"));
            var apps = Enumerable.Range(0, 10).Select(i => RunCliAsync(null, "apps", "add", "--name", $"app{i}", "--client-type", "public", "--json"));
            var users = Enumerable.Range(0, 5).Select(i => RunCliAsync("correct horse battery", "users", "add", $"cli{i}"));

            await Task.WhenAll(signUps);
            var appResults = await Task.WhenAll(apps);
            var userResults = await Task.WhenAll(users);

            appResults.Should().OnlyContain(r => r.ExitCode == AdminCommandLine.Success);
            userResults.Should().OnlyContain(r => r.ExitCode == AdminCommandLine.Success);

            // A user the command line created logs in at once through the server, with an app it created.
            var clientId = (string)JsonNode.Parse(appResults[0].Output)!["client_id"]!;
            await server.Http.LoginAsync(new TestClient(clientId, null), "cli0");
        }

        using var database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_root, "data", "auth.db"), ReadOnly = true });
        database.GetCollection("users").Count().Should().Be(25);
        database.GetCollection("clients").Count().Should().Be(10);
    }

    [Fact]
    public async Task TokensRevokeUser_WhileServing_KillsAccessTokensAtOnce()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var clientId = (string)JsonNode.Parse((await RunCliAsync(null, "apps", "add", "--name", "x", "--client-type", "public", "--json")).Output)!["client_id"]!;
        var username = await server.Http.SignUpAsync();
        var tokens = await server.Http.LoginAsync(new TestClient(clientId, null), username);

        var result = await RunCliAsync(null, "tokens", "revoke", "--user", username);

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        (await server.Http.GetWithBearerAsync("/users/me/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Backup_WhileServing_WritesAConsistentCopy()
    {
        var backupPath = Path.Combine(_root, "backup.db");
        await using (var server = await RunningServer.StartAsync(_root))
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => server.Http.SignUpAsync($"user{i}")));

            var result = await RunCliAsync(null, "backup", backupPath);

            result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
            (await RunCliAsync(null, "backup", backupPath)).ExitCode.Should().Be(AdminCommandLine.Failure, "an existing file is never overwritten");
        }

        using var backup = new LiteDatabase(new ConnectionString { Filename = backupPath, ReadOnly = true });
        backup.GetCollection("users").Count().Should().Be(5);
    }

    [Fact]
    public async Task CommandLine_WithoutAServer_OpensTheDataItself()
    {
        var added = await RunCliAsync(null, "apps", "add", "--name", "offline", "--client-type", "public");

        added.ExitCode.Should().Be(AdminCommandLine.Success, added.Error);
        await using var server = await RunningServer.StartAsync(_root);
        (await RunCliAsync(null, "apps", "list")).Output.Should().Contain("offline");
    }
}
