using System.Text.Json.Nodes;
using Auth.Jwt.Cli;
using Auth.Jwt.Clients;
using Auth.Jwt.Security;
using LiteDB;

namespace Auth.Jwt.Tests.Cli;

public sealed class AppsCommandsTests : IDisposable
{
    private readonly Infrastructure.Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task AppsAdd_PublicClient_PrintsAClientIdAndNoSecret()
    {
        var result = await _cli.RunAsync("apps", "add", "--name", "iOS App", "--client-type", "public", "--grant-type", "password");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        result.Output.Should().MatchRegex(@"^client_id:\s+[A-Za-z0-9_-]{32,}\s*$");
        result.Output.Should().NotContain("secret");
    }

    [Fact]
    public async Task AppsAdd_ConfidentialJson_PrintsIdAndSecretOnStdoutAlone()
    {
        var result = await _cli.RunAsync("apps", "add", "--name", "Backend", "--client-type", "confidential", "--json");

        result.ExitCode.Should().Be(AdminCommandLine.Success, result.Error);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        json.Select(p => p.Key).Should().Equal("client_id", "client_secret");
        ((string)json["client_id"]!).Length.Should().BeGreaterThanOrEqualTo(32);
        ((string)json["client_secret"]!).Length.Should().BeGreaterThanOrEqualTo(43, "at least 256 random bits, base64url");
    }

    [Fact]
    public async Task AppsAdd_ConfidentialSecret_IsStoredOnlyAsItsSha256Digest()
    {
        var json = JsonNode.Parse((await _cli.RunAsync("apps", "add", "--name", "Backend", "--client-type", "confidential", "--json")).Output)!;
        var secret = (string)json["client_secret"]!;

        using var database = new LiteDatabase(new ConnectionString { Filename = _cli.Settings["AuthJwt:Storage:DatabasePath"], ReadOnly = true });
        var stored = database.GetCollection("clients").FindById((string)json["client_id"]!);

        stored["SecretDigest"].AsString.Should().Be(Secrets.Digest(secret));
        stored.ToString().Should().NotContain(secret);
    }

    [Fact]
    public async Task AppsAdd_PasswordGrant_AlwaysComesWithRefreshToken()
    {
        var json = JsonNode.Parse((await _cli.RunAsync("apps", "add", "--name", "x", "--client-type", "public", "--json")).Output)!;

        var list = JsonNode.Parse((await _cli.RunAsync("apps", "list", "--json")).Output)!.AsArray();

        var app = list.Single(a => (string)a!["client_id"]! == (string)json["client_id"]!)!;
        app["grant_types"]!.AsArray().Select(g => (string)g!).Should().Equal(GrantTypes.Password, GrantTypes.RefreshToken);
        ((string)app["client_type"]!).Should().Be("public");
        ((string)app["name"]!).Should().Be("x");
        app.ToJsonString().Should().NotContain("secret");
    }

    [Fact]
    public async Task AppsList_Text_ShowsEveryApplication()
    {
        await _cli.RunAsync("apps", "add", "--name", "One", "--client-type", "public");
        await _cli.RunAsync("apps", "add", "--name", "Two", "--client-type", "confidential");

        var result = await _cli.RunAsync("apps", "list");

        result.ExitCode.Should().Be(AdminCommandLine.Success);
        result.Output.Should().Contain("One").And.Contain("Two").And.Contain("confidential");
    }

    [Fact]
    public async Task AppsRemove_KnownClient_RemovesIt()
    {
        var id = (string)JsonNode.Parse((await _cli.RunAsync("apps", "add", "--name", "x", "--client-type", "public", "--json")).Output)!["client_id"]!;

        (await _cli.RunAsync("apps", "remove", id)).ExitCode.Should().Be(AdminCommandLine.Success);

        JsonNode.Parse((await _cli.RunAsync("apps", "list", "--json")).Output)!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AppsRemove_UnknownClient_Fails1WithAMessageOnStderr()
    {
        await _cli.RunAsync("apps", "add", "--name", "Kept", "--client-type", "public");

        var result = await _cli.RunAsync("apps", "remove", "nope");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Should().Contain("nope");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task AppsRotateSecret_GivesANewSecretAndStoresOnlyItsDigest()
    {
        var created = JsonNode.Parse((await _cli.RunAsync("apps", "add", "--name", "Backend", "--client-type", "confidential", "--json")).Output)!;
        var id = (string)created["client_id"]!;

        var rotated = await _cli.RunAsync("apps", "rotate-secret", id, "--json");

        rotated.ExitCode.Should().Be(AdminCommandLine.Success, rotated.Error);
        var secret = (string)JsonNode.Parse(rotated.Output)!["client_secret"]!;
        secret.Should().NotBe((string)created["client_secret"]!);
        using var database = new LiteDatabase(new ConnectionString { Filename = _cli.Settings["AuthJwt:Storage:DatabasePath"], ReadOnly = true });
        database.GetCollection("clients").FindById(id)["SecretDigest"].AsString.Should().Be(Secrets.Digest(secret));
    }

    [Fact]
    public async Task AppsRotateSecret_PublicOrUnknownClient_Fails1()
    {
        var id = (string)JsonNode.Parse((await _cli.RunAsync("apps", "add", "--name", "Mobile", "--client-type", "public", "--json")).Output)!["client_id"]!;

        (await _cli.RunAsync("apps", "rotate-secret", id)).ExitCode.Should().Be(AdminCommandLine.Failure);
        (await _cli.RunAsync("apps", "rotate-secret", "nope")).ExitCode.Should().Be(AdminCommandLine.Failure);
    }

    [Fact]
    public async Task KeysList_Json_ShowsTheSigningKeyAndARotatedOne()
    {
        // The first rotation in an empty folder makes the first key; the second one waits for its activation.
        await _cli.RunAsync("keys", "rotate", "--now");
        await _cli.RunAsync("keys", "rotate");

        var keys = JsonNode.Parse((await _cli.RunAsync("keys", "list", "--json")).Output)!.AsArray();

        keys.Select(k => (string)k!["state"]!).Should().BeEquivalentTo("signing", "pending");
        keys.Should().OnlyContain(k => ((string)k!["kid"]!).Length == 43);
    }

    [Theory]
    [InlineData("apps", "add", "--name", "x", "--client-type", "bogus")]
    [InlineData("apps", "add", "--client-type", "public")]
    [InlineData("apps", "add", "--name", "x", "--client-type", "public", "--grant-type", "implicit")]
    [InlineData("apps", "frobnicate")]
    public async Task Apps_BadUsage_Exits2(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(AdminCommandLine.Usage);
        result.Error.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Apps_Help_PrintsUsageAndExits0()
    {
        var result = await _cli.RunAsync("apps", "add", "--help");

        result.ExitCode.Should().Be(AdminCommandLine.Success);
        result.Output.Should().Contain("--client-type");
    }

    [Fact]
    public async Task Cli_BadConfiguration_Exits1NamingTheKey()
    {
        _cli.Settings["AuthJwt:PasswordHashing:Iterations"] = "0";

        var result = await _cli.RunAsync("apps", "list");

        result.ExitCode.Should().Be(AdminCommandLine.Failure);
        result.Error.Should().Contain("AuthJwt:PasswordHashing:Iterations");
    }
}
