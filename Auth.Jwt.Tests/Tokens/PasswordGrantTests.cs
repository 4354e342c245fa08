using System.Net;
using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Security;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Tokens;

public sealed class PasswordGrantTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task PasswordGrant_ConfidentialClientWithBasic_ReturnsTokenBodyInOrderWithNoStoreHeaders()
    {
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();

        var response = await _http.PasswordGrantAsync(client, username);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
        var body = (await response.JsonAsync()).AsObject();
        body.Select(p => p.Key).Should().Equal("access_token", "expires_in", "token_type", "scope", "refresh_token");
        ((int)body["expires_in"]!).Should().Be(36000);
        ((string)body["token_type"]!).Should().Be("Bearer");
        ((string)body["scope"]!).Should().Be("read write groups");
        ((string)body["refresh_token"]!).Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits, base64url");
    }

    [Fact]
    public async Task PasswordGrant_PublicClientWithFormClientId_Succeeds()
    {
        var client = app.AddClient(ClientType.Public);
        var username = await _http.SignUpAsync();

        await (await _http.PasswordGrantAsync(client, username)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task PasswordGrant_ConfidentialClientWithSecretInForm_Succeeds()
    {
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();

        var response = await _http.PostFormAsync("/o/token/",
            ("grant_type", "password"), ("username", username), ("password", Names.GoodPassword),
            ("client_id", client.Id), ("client_secret", client.Secret!));

        await response.ShouldBeTokensAsync();
    }

    [Fact]
    public async Task PasswordGrant_SeedRequestWithCredentialsInUrl_Succeeds()
    {
        // curl http://id:secret@localhost:8000/o/token/ sends exactly this Basic header.
        var client = app.AddClient(ClientType.Confidential);
        var username = await _http.SignUpAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/").Form(("grant_type", "password"), ("username", username), ("password", Names.GoodPassword));
        request.Headers.Authorization = OAuthFlows.Basic(client.Id, client.Secret!);

        await (await _http.SendAsync(request)).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task PasswordGrant_UsernameInAnotherCase_FindsTheSameUser()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync(Names.UniqueUser("Pony"));

        await _http.LoginAsync(client, username.ToUpperInvariant());
    }

    [Fact]
    public async Task PasswordGrant_WrongPassword_ReturnsInvalidGrant()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        var response = await _http.PasswordGrantAsync(client, username, "not the password");

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid credentials given.");
    }

    [Fact]
    public async Task PasswordGrant_UnknownUser_SameErrorAsWrongPassword()
    {
        var client = app.AddClient();

        var response = await _http.PasswordGrantAsync(client, Names.UniqueUser("nobody"), "whatever it is");

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid credentials given.");
    }

    [Fact]
    public async Task PasswordGrant_PasswordIsNotTrimmedAtLogin()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync(password: " spaced passphrase ");

        await _http.LoginAsync(client, username, " spaced passphrase ");
        await (await _http.PasswordGrantAsync(client, username, "spaced passphrase")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid credentials given.");
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task PasswordGrant_MissingCredential_ReturnsInvalidRequestNamingIt(string missing)
    {
        var client = app.AddClient();
        var fields = new[] { ("grant_type", "password"), ("username", "someone"), ("password", "something") }.Where(f => f.Item1 != missing).ToArray();

        var response = await _http.TokenAsync(client, fields);

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", $"Request is missing {missing} parameter.");
    }

    [Fact]
    public async Task PasswordGrant_ClientNotAllowedThePasswordGrant_ReturnsUnauthorizedClient()
    {
        var client = app.AddClient(ClientType.Public, GrantTypes.RefreshToken);
        var username = await _http.SignUpAsync();

        await (await _http.PasswordGrantAsync(client, username)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [Fact]
    public async Task PasswordGrant_UnknownScope_ReturnsInvalidScope()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        await (await _http.PasswordGrantAsync(client, username, scope: "read admin")).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task PasswordGrant_EmptyScope_GrantsTheDefaultScope()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        (await _http.LoginAsync(client, username, scope: "")).Scope.Should().Be("read write groups");
    }

    [Fact]
    public async Task PasswordGrant_NarrowerScope_IsGrantedInTheRequestedOrder()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        (await _http.LoginAsync(client, username, scope: "groups read")).Scope.Should().Be("groups read");
    }

    [Fact]
    public async Task PasswordGrant_UnknownUser_StillSpendsAnArgon2Verification()
    {
        // With the only hashing slot taken and no queue, any path that hashes is refused with 503:
        // so an unknown user costs the same Argon2 work as a wrong password.
        using var busyApp = new AuthJwtApp();
        busyApp.Settings["AuthJwt:PasswordHashing:MaxConcurrentHashes"] = "1";
        busyApp.Settings["AuthJwt:PasswordHashing:MaxQueuedHashes"] = "0";
        var http = busyApp.CreateClient();
        var client = busyApp.AddClient();
        var gate = busyApp.Service<HashingGate>();
        var occupied = await GateOccupier.OccupyAsync(gate);

        var response = await http.PasswordGrantAsync(client, Names.UniqueUser("nobody"), "whatever it is");

        await occupied.DisposeAsync();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
        (await response.JsonAsync())["error"]!.GetValue<string>().Should().Be("temporarily_unavailable");
    }

    [Fact]
    public async Task PasswordGrant_StoredHashWeakerThanConfigured_IsRehashedOnSuccess()
    {
        using var strongApp = new AuthJwtApp();
        strongApp.Settings["AuthJwt:PasswordHashing:Iterations"] = "2";
        var http = strongApp.CreateClient();
        var client = strongApp.AddClient();
        var username = await http.SignUpAsync();
        var users = strongApp.Service<IUserStore>();
        var user = users.FindByUsername(username)!;
        var weakOptions = Microsoft.Extensions.Options.Options.Create(new PasswordHashingOptions { MemoryKiB = 1024, Iterations = 1 });
        users.TryReplacePasswordHash(user.Id, user.PasswordHash, await new Argon2PasswordHasher(weakOptions, new HashingGate(weakOptions)).HashAsync(Names.GoodPassword)).Should().BeTrue();

        await http.LoginAsync(client, username);

        users.FindByUsername(username)!.PasswordHash.Should().StartWith("$argon2id$v=19$m=1024,t=2,p=1$");
        await http.LoginAsync(client, username);
    }
}
