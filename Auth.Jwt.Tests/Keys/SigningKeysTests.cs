using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Tests.Keys;

public sealed class SigningKeysTests
{
    private static async Task<(HttpClient Http, TestClient Client, string Username)> ReadyAsync(AuthJwtApp app)
    {
        var http = app.CreateClient();
        var client = app.AddClient();
        return (http, client, await http.SignUpAsync());
    }

    [Fact]
    public async Task FirstStart_GeneratesOneKeyReadableByItsOwnerOnly()
    {
        using var app = new AuthJwtApp();
        var (http, client, username) = await ReadyAsync(app);

        var pems = Directory.GetFiles(app.KeysPath, "*.pem");

        pems.Should().ContainSingle();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(pems[0]).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(app.KeysPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.ReadAllText(pems[0]).Should().StartWith("-----BEGIN PRIVATE KEY-----", "PKCS#8 PEM");
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pems[0]));
        rsa.KeySize.Should().Be(2048);
        new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid.Should().Be(Path.GetFileNameWithoutExtension(pems[0]));
    }

    [Fact]
    public async Task Jwks_PublishesThePublicPartOfTheSigningKeyWithCacheControl()
    {
        using var app = new AuthJwtApp();
        var (http, client, username) = await ReadyAsync(app);
        var kid = new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid;

        var response = await http.GetAsync("/.well-known/jwks.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromSeconds(3600));
        var key = (await response.JsonAsync())["keys"]!.AsArray().Single()!.AsObject();
        key.Select(p => p.Key).Should().BeEquivalentTo("kty", "use", "alg", "kid", "n", "e");
        ((string)key["kid"]!).Should().Be(kid);
        ((string)key["kty"]!).Should().Be("RSA");
        ((string)key["use"]!).Should().Be("sig");
        ((string)key["alg"]!).Should().Be("RS256");
        JwkThumbprint.Of((string)key["e"]!, (string)key["n"]!).Should().Be(kid);
    }

    [Fact]
    public async Task Jwks_NeverCarriesAPrivateMember()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Keys:Path"] = app.KeysPath } };
        await cli.RunAsync("keys", "rotate");
        app.Service<SigningKeys>().Reload();

        var keys = (await (await http.GetAsync("/.well-known/jwks.json")).JsonAsync())["keys"]!.AsArray();

        keys.Should().HaveCount(2);
        foreach (var key in keys)
        {
            key!.AsObject().Select(p => p.Key).Should().NotContain(["d", "p", "q", "dp", "dq", "qi", "k", "oth"]);
        }
    }

    [Fact]
    public async Task Rotate_Now_NewTokensCarryTheNewKidAndOldTokensKeepValidating()
    {
        using var app = new AuthJwtApp();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Keys:Path"] = app.KeysPath } };
        var (http, client, username) = await ReadyAsync(app);
        var before = await http.LoginAsync(client, username);

        var rotated = await cli.RunAsync("keys", "rotate", "--now", "--json");
        app.Service<SigningKeys>().Reload();
        var after = await http.LoginAsync(client, username);

        rotated.ExitCode.Should().Be(0, rotated.Error);
        var newKid = (string)JsonNode.Parse(rotated.Output)!["kid"]!;
        new JsonWebToken(after.AccessToken).Kid.Should().Be(newKid).And.NotBe(new JsonWebToken(before.AccessToken).Kid);
        (await http.GetWithBearerAsync("/sign_up/", before.AccessToken)).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, "authenticated, then 405");
        (await http.GetWithBearerAsync("/sign_up/", after.AccessToken)).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Rotate_WithActivationDelay_PublishesFirstAndSignsOnlyOnceActive()
    {
        using var app = new FakeClockApp();
        var (http, client, username) = await ReadyAsync(app);
        var oldKid = new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid;

        var created = app.Service<KeyRotation>().Rotate(now: false);
        app.Service<SigningKeys>().Reload();

        var published = (await (await http.GetAsync("/.well-known/jwks.json")).JsonAsync())["keys"]!.AsArray().Select(k => (string)k!["kid"]!);
        published.Should().BeEquivalentTo([oldKid, created.Kid]);
        new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid.Should().Be(oldKid, "the new key is not active yet");

        app.Clock.Advance(TimeSpan.FromSeconds(3600));

        new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid.Should().Be(created.Kid);
        app.Service<KeyRotation>().List().Single(k => k.Kid == oldKid).State.Should().Be(KeyState.Validating);
    }

    [Fact]
    public async Task RetiredKey_StaysPublishedUntilItsTokensExpire_ThenIsDropped()
    {
        using var app = new FakeClockApp();
        var (http, _, _) = await ReadyAsync(app);
        var rotation = app.Service<KeyRotation>();
        var oldKid = rotation.List().Single().Kid;
        rotation.Rotate(now: true);
        app.Service<SigningKeys>().Reload();

        app.Clock.Advance(TimeSpan.FromSeconds(36000 + 30 - 1));
        (await JwksKidsAsync(http)).Should().Contain(oldKid);
        rotation.Remove(oldKid, force: false).Should().Contain("may still have valid tokens");

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await JwksKidsAsync(http)).Should().NotContain(oldKid);
        rotation.Remove(oldKid, force: false).Should().BeNull();
        File.Exists(Path.Combine(app.KeysPath, oldKid + ".pem")).Should().BeFalse();
    }

    [Fact]
    public async Task Retire_TheOnlySigningKey_IsRefused()
    {
        using var app = new AuthJwtApp();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Keys:Path"] = app.KeysPath } };
        await ReadyAsync(app);
        var kid = app.Service<SigningKeys>().Signer.Kid;

        var result = await cli.RunAsync("keys", "retire", kid);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("keys rotate");
    }

    [Fact]
    public async Task Token_SignedByAnUnknownKey_IsRejected()
    {
        using var app = new AuthJwtApp();
        var (http, client, username) = await ReadyAsync(app);
        var genuine = new JsonWebToken((await http.LoginAsync(client, username)).AccessToken);
        using var foreign = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = genuine.Issuer,
            Audience = "api",
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = genuine.Claims.Where(c => c.Type is "sub" or "client_id" or "scope" or "jti" or "username" or "sid").ToDictionary(c => c.Type, c => (object)c.Value),
            // Even claiming our kid, the signature does not verify.
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = genuine.Kid }, SecurityAlgorithms.RsaSha256),
        });

        var response = await http.GetWithBearerAsync("/sign_up/", forged);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task TwoServersSharingTheFolder_AgreeOnTheSigningKey()
    {
        using var first = new AuthJwtApp();
        _ = first.CreateClient();
        using var second = new AuthJwtApp();
        second.Settings["AuthJwt:Keys:Path"] = first.KeysPath;
        _ = second.CreateClient();

        first.Service<KeyRotation>().Rotate(now: true);
        first.Service<SigningKeys>().Reload();
        second.Service<SigningKeys>().Reload();

        second.Service<SigningKeys>().Signer.Kid.Should().Be(first.Service<SigningKeys>().Signer.Kid);
        second.Service<SigningKeys>().Published.Select(k => k.Kid).Should().BeEquivalentTo(first.Service<SigningKeys>().Published.Select(k => k.Kid));
    }

    [Fact]
    public async Task RunningServer_PicksUpARotationWithoutARestart()
    {
        using var app = new AuthJwtApp();
        using var cli = new Infrastructure.Cli { Settings = { ["AuthJwt:Keys:Path"] = app.KeysPath } };
        var (http, client, username) = await ReadyAsync(app);

        var newKid = (string)JsonNode.Parse((await cli.RunAsync("keys", "rotate", "--now", "--json")).Output)!["kid"]!;

        // The folder watcher delivers the change; wait for it (bounded), without calling Reload.
        var keys = app.Service<SigningKeys>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (keys.Signer.Kid != newKid && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        new JsonWebToken((await http.LoginAsync(client, username)).AccessToken).Kid.Should().Be(newKid);
    }

    private static async Task<IEnumerable<string>> JwksKidsAsync(HttpClient http) =>
        (await (await http.GetAsync("/.well-known/jwks.json")).JsonAsync())["keys"]!.AsArray().Select(k => (string)k!["kid"]!);
}
