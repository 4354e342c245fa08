using System.Net;
using System.Text;
using Auth.Jwt.Security;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Accounts;

public sealed class SignUpTests(AuthJwtApp app) : IClassFixture<AuthJwtApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task SignUp_SeedRequest_Returns201WithUsernameOnly()
    {
        var username = Names.UniqueUser("django.pony");
        var response = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"djangsta"}""");

        await response.ShouldAnswer(HttpStatusCode.Created, $$"""{"username":"{{username}}"}""");
    }

    [Fact]
    public async Task SignUp_FormBody_Returns201()
    {
        var username = Names.UniqueUser();
        var response = await _client.PostFormAsync("/sign_up/", ("username", username), ("password", Names.GoodPassword));

        await response.ShouldAnswer(HttpStatusCode.Created, $$"""{"username":"{{username}}"}""");
    }

    [Fact]
    public async Task SignUp_MultipartBody_Returns201()
    {
        var username = Names.UniqueUser();
        var content = new MultipartFormDataContent { { new StringContent(username), "username" }, { new StringContent(Names.GoodPassword), "password" } };
        var response = await _client.PostAsync("/sign_up/", content);

        await response.ShouldAnswer(HttpStatusCode.Created, $$"""{"username":"{{username}}"}""");
    }

    [Fact]
    public async Task SignUp_ExtraFields_AreIgnored()
    {
        var username = Names.UniqueUser();
        var response = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{Names.GoodPassword}}","is_staff":true}""");

        await response.ShouldAnswer(HttpStatusCode.Created, $$"""{"username":"{{username}}"}""");
    }

    [Fact]
    public async Task SignUp_NumericJsonPassword_IsTakenAsItsString()
    {
        var response = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{Names.UniqueUser()}}","password":12345678}""");

        // Taken as "12345678": then refused by the policy, which proves it was read as text.
        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"password":["This password is too common.","This password is entirely numeric."]}""");
    }

    [Fact]
    public async Task SignUp_UsernameTaken_Returns400()
    {
        var username = Names.UniqueUser();
        (await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{Names.GoodPassword}}"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{Names.GoodPassword}}"}""");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["A user with that username already exists."]}""");
    }

    [Fact]
    public async Task SignUp_UsernameDifferingOnlyInCaseOrWidth_IsTaken()
    {
        var username = Names.UniqueUser("pony");
        (await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{Names.GoodPassword}}"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var upper = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username.ToUpperInvariant()}}","password":"{{Names.GoodPassword}}"}""");
        // Fullwidth "ｐ" is NFKC-equal to "p".
        var fullwidth = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"ｐ{{username[1..]}}","password":"{{Names.GoodPassword}}"}""");

        await upper.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["A user with that username already exists."]}""");
        await fullwidth.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["A user with that username already exists."]}""");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "{}", """{"username":["This field is required."],"password":["This field is required."]}""" },
        { """{"username":"someone"}""", """{"password":["This field is required."]}""" },
        { """{"password":"correct horse battery"}""", """{"username":["This field is required."]}""" },
        { """{"username":"someone","password":""}""", """{"password":["This field may not be blank."]}""" },
        { """{"username":"   ","password":"correct horse battery"}""", """{"username":["This field may not be blank."]}""" },
        { """{"username":"someone","password":"   "}""", """{"password":["This field may not be blank."]}""" },
        { """{"username":"someone","password":null}""", """{"password":["This field may not be null."]}""" },
        { """{"username":null,"password":null}""", """{"username":["This field may not be null."],"password":["This field may not be null."]}""" },
        { """{"username":["a"],"password":"correct horse battery"}""", """{"username":["Not a valid string."]}""" },
        { $$"""{"username":"{{new string('a', 151)}}","password":"correct horse battery"}""", """{"username":["Ensure this field has no more than 150 characters."]}""" },
        { $$"""{"username":"someone","password":"{{new string('x', 129)}}"}""", """{"password":["Ensure this field has no more than 128 characters."]}""" },
        { """{"username":"no spaces","password":"correct horse battery"}""", """{"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}""" },
        { """{"username":"semi;colon","password":"correct horse battery"}""", """{"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}""" },
        { """{"username":"someone","password":"Sh0rt!"}""", """{"password":["This password is too short. It must contain at least 8 characters."]}""" },
        { """{"username":"someone","password":"password1"}""", """{"password":["This password is too common."]}""" },
        { """{"username":"someone","password":"9081726354"}""", """{"password":["This password is entirely numeric."]}""" },
        { """{"username":"someuser12","password":"someuser1"}""", """{"password":["The password is too similar to the username."]}""" },
        { """{"username":"u","password":"1234"}""", """{"password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}""" },
        { "[1,2]", """{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}""" },
        { "\"text\"", """{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}""" },
        { "42", """{"non_field_errors":["Invalid data. Expected a dictionary, but got int."]}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task SignUp_InvalidBody_ReturnsDrfFieldErrors(string body, string expected)
    {
        var response = await _client.PostJsonAsync("/sign_up/", body);

        await response.ShouldAnswer(HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task SignUp_FormWithoutFields_ListsEachMissingField()
    {
        var response = await _client.PostFormAsync("/sign_up/");

        await response.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["This field is required."],"password":["This field is required."]}""");
    }

    [Fact]
    public async Task SignUp_MalformedJson_Returns400ParseError()
    {
        var response = await _client.PostJsonAsync("/sign_up/", """{"username":""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var detail = (string)(await response.JsonAsync())["detail"]!;
        detail.Should().StartWith("JSON parse error - ");
    }

    [Fact]
    public async Task SignUp_InvalidUtf8Json_Returns400ParseError()
    {
        var content = new ByteArrayContent([.. """{"username":"a"""u8, 0xff, 0xfe, .. "\",\"password\":\"correct horse battery\"}"u8]);
        content.Headers.ContentType = new("application/json");
        var response = await _client.PostAsync("/sign_up/", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.JsonAsync())["detail"]!).Should().StartWith("JSON parse error - ");
    }

    [Fact]
    public async Task SignUp_OtherContentType_Returns415()
    {
        var response = await _client.PostAsync("/sign_up/", new StringContent("username=a", Encoding.UTF8, "text/plain"));

        await response.ShouldAnswer(HttpStatusCode.UnsupportedMediaType, """{"detail":"Unsupported media type \"text/plain; charset=utf-8\" in request."}""");
    }

    [Fact]
    public async Task SignUp_BodyOver64KiB_Returns413()
    {
        var response = await _client.PostJsonAsync("/sign_up/", $$"""{"username":"someone","password":"{{new string('x', 70_000)}}"}""");

        await response.ShouldAnswer(HttpStatusCode.RequestEntityTooLarge, """{"detail":"Request body too large."}""");
    }

    [Fact]
    public async Task SignUp_ChunkedBodyOver64KiB_Returns413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"username":"someone","password":"{{new string('x', 70_000)}}"}""")));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/sign_up/") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SignUp_GetWithoutToken_Returns401WithBearerChallenge()
    {
        var response = await _client.GetAsync("/sign_up/");

        await response.ShouldAnswer(HttpStatusCode.Unauthorized, """{"detail":"Authentication credentials were not provided."}""");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task SignUp_PasswordIsNotTrimmed()
    {
        var username = Names.UniqueUser();
        const string padded = "  correct horse battery  ";
        (await _client.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{padded}}"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        var user = app.Service<Auth.Jwt.Accounts.IUserStore>().FindByNormalizedUsername(Auth.Jwt.Accounts.UsernameRules.Normalize(username))!;
        var hasher = app.Service<Argon2PasswordHasher>();
        (await hasher.VerifyAsync(padded, user.PasswordHash)).Should().Be(PasswordVerification.Success);
        (await hasher.VerifyAsync(padded.Trim(), user.PasswordHash)).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public async Task SignUp_ParallelDuplicates_ExactlyOneCreated()
    {
        var username = Names.UniqueUser();
        var attempts = Enumerable.Range(0, 12).Select(i => _client.PostJsonAsync(
            "/sign_up/", $$"""{"username":"{{(i % 2 == 0 ? username : username.ToUpperInvariant())}}","password":"{{Names.GoodPassword}}"}"""));

        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldAnswer(HttpStatusCode.BadRequest, """{"username":["A user with that username already exists."]}""");
        }
    }
}
