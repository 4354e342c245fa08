using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Auth.Jwt.Accounts;
using Auth.Jwt.Cli;
using Auth.Jwt.Clients;
using Auth.Jwt.Tests.Configuration;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Cli;

/// <summary>Issue 11: the command line is an HTTP client of the server's admin API on its Unix socket.</summary>
[Collection(nameof(ServerProcess))]
public sealed class AdminOverHttpTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-admin-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string DatabasePath => Path.Combine(_root, "data", "auth.db");

    private Task<CliResult> RunCliAsync(string? stdin, params string[] args) => Infrastructure.Cli.RunBesideAsync(_root, stdin, args);

    [Fact]
    public async Task FiftyAppsAdd_StartedAtOnceBesideTheServer_AllSucceedAndAllExist()
    {
        await using var server = await RunningServer.StartAsync(_root);

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => RunCliAsync(null, "apps", "add", "--name", $"app{i}", "--client-type", "public", "--json"))));

        results.Should().OnlyContain(r => r.ExitCode == AdminCommandLine.Success && r.Error == "");
        var ids = results.Select(r => (string)JsonNode.Parse(r.Output)!["client_id"]!).ToHashSet();
        ids.Should().HaveCount(50);
        server.Services.GetRequiredService<IClientStore>().ListAll().Select(c => c.Id).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task UsersListJson_With2000Users_WorksBesideTheServer()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var users = server.Services.GetRequiredService<IUserStore>();
        for (var i = 0; i < 2000; i++)
        {
            users.TryAdd(new User { Id = Guid.NewGuid().ToString("N"), Username = $"user{i}", NormalizedUsername = $"user{i}", PasswordHash = "x", DateJoined = DateTimeOffset.UtcNow });
        }

        var result = await RunCliAsync(null, "users", "list", "--json");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        var listed = JsonNode.Parse(result.Output)!.AsArray();
        listed.Should().HaveCount(2000);
        listed.Select(u => (string)u!["username"]!).Should().Contain("user1999");
    }

    [Fact]
    public async Task AdminApi_OverTcp_IsNotFound()
    {
        await using var server = await RunningServer.StartAsync(_root);

        foreach (var path in new[] { "/admin/users", "/admin/apps", "/admin/keys" })
        {
            var response = await server.Http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }

        (await server.Http.PostAsync("/admin/apps", JsonContent("""{"name":"x","client_type":"public","grant_types":["password"]}""")))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        server.Services.GetRequiredService<IClientStore>().ListAll().Should().BeEmpty();
    }

    [Fact]
    public async Task AdminSocket_IsOwnerOnly_AndAnswersTheAdminApi()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var socket = Path.Combine(_root, "data", "admin.sock");

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(socket).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        });
        var refused = await http.PostAsync("http://localhost/admin/apps", JsonContent("""{"name":"x"}"""));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a body missing fields is refused, never half-applied");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("\"error\"");
        (await http.GetAsync("http://localhost/admin/apps")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DatabasePath_OnlyInTheWorkingDirectorysAppsettings_ReachesTheServer()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "ops")).FullName;
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "appsettings.json"), $$"""{ "AuthJwt": { "Storage": { "DatabasePath": "{{DatabasePath}}" } } }""");

        var result = await CliProcess.RunAsync(elsewhere, null, "apps", "add", "--name", "from-ops", "--client-type", "public", "--json");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        var clientId = (string)JsonNode.Parse(result.Output)!["client_id"]!;
        server.Services.GetRequiredService<IClientStore>().Find(clientId).Should().NotBeNull("the command reached the running server");
        Directory.Exists(Path.Combine(elsewhere, "data")).Should().BeFalse("no second database was created");
    }

    [Fact]
    public async Task DatabasePath_OnlyAsACommandLineSetting_ReachesTheServer()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "ops")).FullName;

        var result = await CliProcess.RunAsync(elsewhere, null, "apps", "add", $"--AuthJwt:Storage:DatabasePath={DatabasePath}", "--name", "from-args", "--client-type", "public", "--json");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        server.Services.GetRequiredService<IClientStore>().Find((string)JsonNode.Parse(result.Output)!["client_id"]!).Should().NotBeNull();
        Directory.Exists(Path.Combine(elsewhere, "data")).Should().BeFalse();
    }

    [Fact]
    public async Task Backup_RelativePath_IsResolvedInTheCallersWorkingDirectory()
    {
        await using var server = await RunningServer.StartAsync(_root);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "ops")).FullName;

        var result = await CliProcess.RunAsync(elsewhere, null, "backup", "copy.db", $"--AuthJwt:Storage:DatabasePath={DatabasePath}");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        File.Exists(Path.Combine(elsewhere, "copy.db")).Should().BeTrue();
        result.Output.Should().Contain(Path.Combine(elsewhere, "copy.db"));
    }

    [Fact]
    public async Task ReadCommand_WithNoServerAndNoDatabase_SaysWhereItLookedAndCreatesNothing()
    {
        var result = await CliProcess.RunAsync(_root, null, "users", "list");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Trim().Should().NotContain("\n").And.Contain(Path.Combine(_root, "data", "auth.db"));
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty("a command that reads never creates a database");
    }

    [Fact]
    public async Task WriteCommand_WithNoDatabase_SaysItCreatesOne()
    {
        var result = await CliProcess.RunAsync(_root, null, "apps", "add", "--name", "first", "--client-type", "public");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        result.Error.Should().Contain($"creating a new database at {Path.Combine(_root, "data", "auth.db")}");
        File.Exists(Path.Combine(_root, "data", "auth.db")).Should().BeTrue();
    }

    [Fact]
    public async Task StaleSocketFile_FromAKilledServer_IsIgnored()
    {
        (await RunCliAsync(null, "apps", "add", "--name", "before", "--client-type", "public")).ExitCode.Should().Be(AdminCommandLine.Success);
        // A socket file nobody listens on, as a SIGKILLed server leaves it.
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(Path.Combine(_root, "data", "admin.sock")));
        }

        var listed = await RunCliAsync(null, "apps", "list");

        listed.ExitCode.Should().Be(AdminCommandLine.Success, listed.Error);
        listed.Output.Should().Contain("before");
        await using var server = await RunningServer.StartAsync(_root);
        (await RunCliAsync(null, "apps", "list")).Output.Should().Contain("before", "a restarted server replaces the stale socket");
    }

    [Fact]
    public async Task DatabaseHeldWithoutAServerAnswering_IsOneLineAndExit1()
    {
        (await RunCliAsync(null, "apps", "add", "--name", "x", "--client-type", "public")).ExitCode.Should().Be(AdminCommandLine.Success);
        using var held = new FileStream(DatabasePath + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(RunningServer.SettingsFor(_root)).Build();

        var exit = await AdminCommandLine.RunAsync(["apps", "list"], output, error, configuration, serverStartWait: TimeSpan.Zero);

        exit.Should().Be(AdminCommandLine.Failure);
        error.ToString().Trim().Should().StartWith("error: ").And.Contain("in use").And.NotContain("\n");
    }

    [Fact]
    public async Task ServeHelp_PrintsHelpAndStartsNothing_AndTopLevelHelpListsServe()
    {
        var serveHelp = await CliProcess.RunAsync(_root, null, "serve", "--help");
        var help = await CliProcess.RunAsync(_root, null, "--help");

        serveHelp.ExitCode.Should().Be(AdminCommandLine.Success, serveHelp.Error);
        serveHelp.Output.Should().Contain("Start the server");
        help.Output.Should().MatchRegex(@"\n\s+serve\s");
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty("help starts no server and creates nothing");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
