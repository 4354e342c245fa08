using System.Text.Json.Nodes;
using Auth.Jwt.Cli;

namespace Auth.Jwt.Tests.Cli;

public sealed class UsersCommandsTests : IDisposable
{
    private readonly Infrastructure.Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task UsersAdd_ReadsThePasswordFromStdin()
    {
        var result = await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "alice", "--json");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        json.Select(p => p.Key).Should().Equal("id", "username", "date_joined");
        ((string)json["username"]!).Should().Be("alice");
        result.Output.Should().NotContain("correct horse battery");
    }

    [Theory]
    [InlineData("--password", "correct horse battery")]
    [InlineData("-p", "correct horse battery")]
    public async Task UsersAdd_PasswordOnTheCommandLine_IsBadUsage(string flag, string password)
    {
        var result = await _cli.RunAsync("users", "add", "bob", flag, password);

        result.ExitCode.Should().Be(AdminCommandLine.Usage);
        File.Exists(_cli.DatabasePath).Should().BeFalse("a refused command creates nothing");
    }

    [Fact]
    public async Task UsersAdd_WeakPassword_FailsWithThePolicyMessage()
    {
        var result = await _cli.RunWithInputAsync("12345678\n", "users", "add", "carol");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Should().Contain("This password is too common.").And.Contain("entirely numeric");
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("error:")).Should().ContainSingle("one line a person understands");
    }

    [Fact]
    public async Task UsersAdd_TakenNameInAnotherCase_Fails()
    {
        await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "dave");

        var result = await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "DAVE");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Should().Contain("already exists");
    }

    [Fact]
    public async Task UsersList_ShowsUsersWithoutPasswordHashes()
    {
        await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "erin");

        var result = await _cli.RunAsync("users", "list");

        result.Output.Should().Contain("erin").And.NotContain("argon2");
    }

    [Fact]
    public async Task UsersSetPassword_ChangesIt_AndRefusesAWeakOne()
    {
        await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "frank");

        var weak = await _cli.RunWithInputAsync("short\n", "users", "set-password", "frank");
        var strong = await _cli.RunWithInputAsync("a brand new passphrase\n", "users", "set-password", "FRANK");

        weak.ExitCode.Should().Be(AdminCommandLine.Failure);
        weak.Error.Should().Contain("too short");
        strong.ExitCode.Should().Be(AdminCommandLine.Success, strong.Error);
    }

    [Fact]
    public async Task UsersRemove_DeletesTheUser_UnknownUserFails()
    {
        await _cli.RunWithInputAsync("correct horse battery\n", "users", "add", "gina");

        (await _cli.RunAsync("users", "remove", "gina")).ExitCode.Should().Be(AdminCommandLine.Success);
        (await _cli.RunAsync("users", "remove", "gina")).ExitCode.Should().Be(AdminCommandLine.Failure);
        JsonNode.Parse((await _cli.RunAsync("users", "list", "--json")).Output)!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("users")]
    [InlineData("users", "add")]
    [InlineData("users", "set-password")]
    [InlineData("users", "list")]
    [InlineData("keys", "rotate")]
    [InlineData("tokens", "revoke")]
    [InlineData("apps", "rotate-secret")]
    public async Task EveryCommand_HasHelp(params string[] command)
    {
        var result = await _cli.RunAsync([.. command, "--help"]);

        result.ExitCode.Should().Be(AdminCommandLine.Success);
        result.Output.Should().Contain("Usage:").And.Contain("Auth.Jwt ");
    }
}

public sealed class CommandRoutingTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    [InlineData("user", "list")]
    [InlineData("Apps", "list")]
    public void Typos_GoToTheCommandLine_NotToASecondServer(params string[] args)
    {
        StartsTheServer(args).Should().BeFalse();
    }

    [Theory]
    [InlineData]
    [InlineData("serve")]
    [InlineData("serve", "--urls", "http://127.0.0.1:9000")]
    [InlineData("--urls", "http://127.0.0.1:9000")]
    [InlineData("--urls=http://127.0.0.1:9000")]
    [InlineData("--AuthJwt:Tokens:Issuer=https://auth.example.com")]
    [InlineData("--environment", "Production")]
    [InlineData("--AuthJwt:Storage:DatabasePath", "/srv/auth.db", "serve")]
    public void NoArgumentsServeOrHostSettings_StartTheServer(params string[] args)
    {
        StartsTheServer(args).Should().BeTrue();
    }

    [Fact]
    public void Settings_AnywhereOnTheLine_AreTakenOutOfTheCommand()
    {
        var (settings, command) = Auth.Jwt.AppConfiguration.Split(["apps", "--AuthJwt:Storage:DatabasePath", "/srv/auth.db", "list", "--AuthJwt:Keys:Path=/srv/keys", "--json"]);

        command.Should().Equal("apps", "list", "--json");
        settings.Should().Equal("--AuthJwt:Storage:DatabasePath", "/srv/auth.db", "--AuthJwt:Keys:Path=/srv/keys");
    }

    private static bool StartsTheServer(string[] args) => Auth.Jwt.AppConfiguration.Split(args).Command is [] or ["serve"];

    [Fact]
    public async Task UnknownCommand_ExitsWithUsage2()
    {
        using var cli = new Infrastructure.Cli();

        var result = await cli.RunAsync("frobnicate");

        result.ExitCode.Should().Be(Auth.Jwt.Cli.AdminCommandLine.Usage);
        result.Error.Should().Contain("frobnicate");
    }
}
