using System.Net;
using System.Text;
using Auth.Jwt.Accounts;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Resources;

/// <summary>DESIGN.md 6: GET, PATCH and DELETE /users/me/, and the sessions they end.</summary>
public sealed class MeTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<(TestClient Client, string Username, TokenSet Tokens)> LoginAsync()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();
        return (client, username, await _http.LoginAsync(client, username));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, "/users/me/").WithBearer(token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task GetMe_ReturnsIdUsernameAndDateJoined()
    {
        var (_, username, tokens) = await LoginAsync();
        var user = app.Service<IUserStore>().FindByUsername(username)!;

        var response = await SendAsync(HttpMethod.Get, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = (await response.JsonAsync()).AsObject();
        json.Select(p => p.Key).Should().Equal("id", "username", "date_joined");
        ((string)json["id"]!).Should().Be(user.Id);
        ((string)json["username"]!).Should().Be(username);
        DateTimeOffset.Parse((string)json["date_joined"]!, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        ((string)json["date_joined"]!).Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
    }

    [Fact]
    public async Task ChangePassword_VoidsOlderAccessTokensAndRefreshTokens_AndTheNewPasswordWorks()
    {
        var (client, username, tokens) = await LoginAsync();
        var second = await _http.LoginAsync(client, username);

        var response = await SendAsync(HttpMethod.Patch, tokens.AccessToken, """{"password":"correct horse battery","new_password":"a different passphrase"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string)(await response.JsonAsync())["username"]!).Should().Be(username);
        (await SendAsync(HttpMethod.Get, tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(HttpMethod.Get, second.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "every session of the user ends");
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _http.PasswordGrantAsync(client, username)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid credentials given.");

        // No time cut-off: a login in the same second as the change is valid.
        var fresh = await _http.LoginAsync(client, username, "a different passphrase");
        (await SendAsync(HttpMethod.Get, fresh.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_FormBody_IsAccepted()
    {
        var (_, _, tokens) = await LoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, "/users/me/").WithBearer(tokens.AccessToken)
            .Form(("password", Names.GoodPassword), ("new_password", "a different passphrase"));

        (await _http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Returns400FieldErrorAndChangesNothing()
    {
        var (client, username, tokens) = await LoginAsync();

        var response = await SendAsync(HttpMethod.Patch, tokens.AccessToken, """{"password":"not it","new_password":"a different passphrase"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"password":["Invalid password."]}""");
        (await SendAsync(HttpMethod.Get, tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _http.LoginAsync(client, username);
    }

    [Theory]
    [InlineData("""{"password":"correct horse battery","new_password":""}""", """{"new_password":["This field may not be blank."]}""")]
    [InlineData("""{"password":"correct horse battery"}""", """{"new_password":["This field is required."]}""")]
    [InlineData("""{"new_password":"a different passphrase"}""", """{"password":["This field is required."]}""")]
    [InlineData("""{"password":"correct horse battery","new_password":"short"}""", """{"new_password":["This password is too short. It must contain at least 8 characters."]}""")]
    [InlineData("""{"password":"correct horse battery","new_password":"password1"}""", """{"new_password":["This password is too common."]}""")]
    public async Task ChangePassword_InvalidFields_ReturnDrfErrors(string body, string expected)
    {
        var (_, _, tokens) = await LoginAsync();

        await (await SendAsync(HttpMethod.Patch, tokens.AccessToken, body)).ShouldAnswer(HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task ChangePassword_NewPasswordTooSimilarToUsername_IsRefused()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync(Names.UniqueUser("simi"));
        var tokens = await _http.LoginAsync(client, username);

        var response = await SendAsync(HttpMethod.Patch, tokens.AccessToken, $$"""{"password":"correct horse battery","new_password":"{{username}}"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"new_password":["The password is too similar to the username."]}""");
    }

    [Fact]
    public async Task DeleteMe_Returns204_ThenTheOldTokenIsInvalid_AndTheUserIsGone()
    {
        var (client, username, tokens) = await LoginAsync();

        var response = await SendAsync(HttpMethod.Delete, tokens.AccessToken, """{"password":"correct horse battery"}""");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await SendAsync(HttpMethod.Get, tokens.AccessToken);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        await (await _http.RefreshAsync(client, tokens.RefreshToken)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant");
        await (await _http.PasswordGrantAsync(client, username)).ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid credentials given.");
        app.Service<IUserStore>().FindByUsername(username).Should().BeNull();
    }

    [Fact]
    public async Task DeleteMe_WrongPassword_Returns400AndKeepsTheAccount()
    {
        var (_, username, tokens) = await LoginAsync();

        var response = await SendAsync(HttpMethod.Delete, tokens.AccessToken, """{"password":"wrong"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"password":["Invalid password."]}""");
        app.Service<IUserStore>().FindByUsername(username).Should().NotBeNull();
    }

    [Fact]
    public async Task DeleteMe_MissingPassword_Returns400Required()
    {
        var (_, _, tokens) = await LoginAsync();

        await (await SendAsync(HttpMethod.Delete, tokens.AccessToken, "{}")).ShouldAnswer(HttpStatusCode.BadRequest, """{"password":["This field is required."]}""");
    }
}
