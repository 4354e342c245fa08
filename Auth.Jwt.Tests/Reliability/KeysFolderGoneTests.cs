using System.Net;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Jwt.Tests.Reliability;

/// <summary>The keys folder deleted under a running server (an <c>rm -rf</c>, a lost volume).</summary>
public sealed class KeysFolderGoneTests
{
    [Fact]
    public async Task FolderDeleted_LoginsKeepSigningWithTheKeyInMemory_AndTheJwksStays()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();
        var kid = new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid;

        Directory.Delete(app.KeysPath, recursive: true);
        app.Service<SigningKeys>().Reload();

        var token = (await http.LoginAsync(client, username)).AccessToken;
        new JsonWebToken(token).Kid.Should().Be(kid);
        (await http.GetWithBearerAsync("/users/me/", token)).StatusCode.Should().Be(HttpStatusCode.OK);
        var jwks = await (await http.GetAsync(KeyEndpoints.JwksPath)).JsonAsync();
        jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!).Should().Equal(kid);
        (await http.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK, "a key in memory may still sign");
        Directory.Exists(app.KeysPath).Should().BeFalse("reading the folder does not recreate it");
    }

    [Fact]
    public async Task FolderDeleted_IsLoggedOnce_WhateverTheRescans_AndItsReturnToo()
    {
        using var app = new AuthJwtApp();
        _ = app.CreateClient();
        var keys = app.Service<SigningKeys>();

        Directory.Delete(app.KeysPath, recursive: true);
        keys.Reload();
        keys.Reload();
        keys.Reload();

        app.Logs.Lines.Where(line => line.Contains("[4007]")).Should().ContainSingle()
            .Which.Should().Contain(app.KeysPath).And.Contain(keys.Signer.Kid).And.Contain("keys rotate --now");

        app.Service<KeyRotation>().Rotate(now: true);
        keys.Reload();
        keys.Reload();

        app.Logs.Lines.Where(line => line.Contains("[4008]")).Should().ContainSingle();
    }

    [Fact]
    public async Task FolderDeleted_KeysList_SaysItIsMissing_AndExitsOne()
    {
        using var app = new AuthJwtApp();
        _ = app.CreateClient();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Keys:Path"] = app.KeysPath } };
        (await cli.RunAsync("keys", "list")).ExitCode.Should().Be(0);

        Directory.Delete(app.KeysPath, recursive: true);
        var listed = await cli.RunAsync("keys", "list");

        listed.ExitCode.Should().Be(1);
        listed.Output.Should().BeEmpty();
        listed.Error.Trim().Should().Contain(app.KeysPath).And.Contain("does not exist").And.Contain("keys rotate --now");
        listed.Error.Trim().Split('\n').Should().ContainSingle();
        Directory.Exists(app.KeysPath).Should().BeFalse();
    }

    /// <summary>
    /// An <c>rm -rf</c> of the folder removes files one by one: a rescan may see the signer gone and a
    /// pending key without its schedule. That key must not start signing before its time.
    /// </summary>
    [Fact]
    public async Task PendingKeyLosingItsScheduleFirst_DoesNotSignBeforeItsTime()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();
        var keys = app.Service<SigningKeys>();
        var signer = keys.Signer.Kid;
        var pending = app.Service<KeyRotation>().Rotate(now: false);
        keys.Reload();

        File.Delete(Path.Combine(app.KeysPath, signer + ".pem"));
        File.Delete(Path.Combine(app.KeysPath, signer + ".json"));
        File.Delete(Path.Combine(app.KeysPath, pending.Kid + ".json"));
        keys.Reload();

        keys.Signer.Kid.Should().Be(signer);
        new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid.Should().Be(signer);
        app.Logs.Lines.Should().NotContain(line => line.Contains("[4003]") && line.Contains(pending.Kid));
    }
}
