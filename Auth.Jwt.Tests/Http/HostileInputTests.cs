using System.Net;
using System.Text;
using Auth.Jwt.Accounts;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Http;

/// <summary>Hostile input gets its documented 4xx and nothing is stored.</summary>
public sealed class HostileInputTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private int UserCount => app.Service<IUserStore>().ListAll().Count;

    private async Task SignUpRefused(HttpContent content, HttpStatusCode status, string? username = null)
    {
        var before = UserCount;
        var response = await _http.PostAsync("/sign_up/", content);
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        UserCount.Should().Be(before, "nothing is stored");
        if (username is not null)
        {
            app.Service<IUserStore>().FindByUsername(username).Should().BeNull();
        }
    }

    public static TheoryData<string> LookAlikes =>
    [
        "p\u0430ypal",          // Cyrillic a in a Latin name
        "\u03c1aypal",          // Greek rho
        "pay\u200bpal",         // zero-width space
        "pay\u200dpal",         // zero-width joiner
        "pay\u2060pal",         // word joiner
        "\ufeffpaypal",         // byte order mark
        "pay\u3164pal",         // Hangul filler: a "letter" that shows nothing
        "pa\u0336ypal",         // combining overlay that composes with nothing
    ];

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task SignUp_LookAlikeUsername_IsRefused(string username)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { username, password = Names.GoodPassword });

        await SignUpRefused(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, username);
    }

    [Theory]
    [InlineData("\u0432\u0430\u0441\u044f")]             // all Cyrillic
    [InlineData("\u5c71\u7530\u305f\u308d\u3046")]         // Han + Hiragana
    [InlineData("kim\ubbfc\uc900")]                        // Latin + Hangul
    [InlineData("Jos\u00e9.Mar\u00eda")]                   // Latin with accents
    public async Task SignUp_SingleScriptNamesAndJapaneseOrKoreanMixes_AreAccepted(string username)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { username = username + Random.Shared.Next(100_000, 999_999), password = Names.GoodPassword });

        (await _http.PostAsync("/sign_up/", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignUp_MixedScriptMessage_IsAFieldError()
    {
        var response = await _http.PostJsonAsync("/sign_up/", """{"username":"p\u0430ypal","password":"correct horse battery"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["Enter a valid username. Letters of different scripts (such as Latin and Cyrillic) cannot be mixed."]}""");
    }

    [Fact]
    public async Task SignUp_NulInAField_IsRefusedLikeDjango()
    {
        var response = await _http.PostJsonAsync("/sign_up/", """{"username":"nul","password":"correct\u0000horse battery"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"password":["Null characters are not allowed."]}""");
    }

    [Theory]
    [InlineData("ctrl\u0007name")]
    [InlineData("tab\tname")]
    [InlineData("new\nline")]
    public async Task SignUp_ControlCharactersInUsername_AreRefused(string username)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { username, password = Names.GoodPassword });

        await SignUpRefused(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, username);
    }

    [Fact]
    public async Task SignUp_InvalidUtf8InAPercentEncodedFormValue_IsRefused()
    {
        var content = new StringContent("username=bad%FFname&password=correct+horse+battery", Encoding.ASCII, "application/x-www-form-urlencoded");

        await SignUpRefused(content, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignUp_RawUtf8InAForm_IsDecoded()
    {
        var username = "jos\u00e9" + Guid.NewGuid().ToString("N")[..6];
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"username={username}&password=correct+horse+battery"));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await _http.PostAsync("/sign_up/", content);

        await response.ShouldAnswer(HttpStatusCode.Created, $$"""{"username":"{{username}}"}""");
    }

    [Fact]
    public async Task SignUp_MegabytePassword_Is413WithoutHashing()
    {
        var json = $$"""{"username":"big","password":"{{new string('x', 1024 * 1024)}}"}""";

        await SignUpRefused(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SignUp_DeeplyNestedJson_IsRefusedCheaply()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        await SignUpRefused(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json-patch+json")]
    public async Task SignUp_WrongContentType_Is415(string contentType)
    {
        await SignUpRefused(new StringContent("""{"username":"x","password":"y"}""", Encoding.UTF8, contentType), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Token_NulInAParameter_IsInvalidRequest()
    {
        var client = app.AddClient();
        var username = await _http.SignUpAsync();

        var response = await _http.TokenAsync(client, ("grant_type", "password"), ("username", username), ("password", "correct horse\0battery"));

        await response.ShouldBeOAuthError(HttpStatusCode.BadRequest, "invalid_request", "Null characters are not allowed.");
    }

    [Fact]
    public async Task Token_InvalidUtf8InAPercentEncodedValue_IsInvalidRequest()
    {
        var content = new StringContent("grant_type=password&username=a%C3&password=b", Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await _http.PostAsync("/o/token/", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Token_MegabytePassword_Is413()
    {
        var client = app.AddClient();

        var response = await _http.TokenAsync(client, ("grant_type", "password"), ("username", "someone"), ("password", new string('x', 1024 * 1024)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}
