using System.Net;
using System.Text;
using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Tests.Infrastructure;
using Auth.Jwt.Throttling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Regressions;

/// <summary>Holes a security review found, each pinned so it stays closed.</summary>
public sealed class ReviewFindingsTests
{
    [Fact]
    public async Task RevokeRacingARefresh_LeavesNoLiveDescendant()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();

        for (var i = 0; i < 25; i++)
        {
            var tokens = await http.LoginAsync(client, username);
            var refresh = http.RefreshAsync(client, tokens.RefreshToken);
            var revoke = http.PostTokenEndpointAsync("/o/revoke_token/", client, [("token", tokens.RefreshToken)]);
            await Task.WhenAll(refresh, revoke);

            if ((await refresh).StatusCode == HttpStatusCode.OK)
            {
                var successor = await (await refresh).ShouldBeTokensAsync();
                (await http.RefreshAsync(client, successor.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the family was revoked, successor included");
            }
        }
    }

    [Fact]
    public async Task ParallelWrongPasswords_CannotAllSlipPastTheBackoff()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => http.PasswordGrantAsync(client, username, "wrong password")));

        answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest).Should().BeLessThanOrEqualTo(6, "5 free failures, and the one that trips the back-off");
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).Should().BeGreaterThanOrEqualTo(18);
    }

    [Fact]
    public async Task Rehash_NeverOverwritesAPasswordChangedMeanwhile()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var users = app.Service<IUserStore>();
        var user = users.FindByUsername(await http.SignUpAsync())!;
        var verified = user.PasswordHash;
        await app.Service<AccountLifecycle>().ChangePasswordAsync(users.FindById(user.Id)!, "a brand new passphrase");

        users.TryReplacePasswordHash(user.Id, verified, "$argon2id$stale").Should().BeFalse();

        users.FindById(user.Id)!.PasswordHash.Should().NotBe("$argon2id$stale");
    }

    [Fact]
    public async Task RemovingAnApplication_KillsItsAccessTokensHere()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var tokens = await http.LoginAsync(client, await http.SignUpAsync());

        app.Service<ClientRegistry>().Remove(client.Id).Should().BeTrue();

        (await http.GetWithBearerAsync("/users/me/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void FullThrottleTable_StillCountsANewUsername()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new LoginThrottle(Options.Create(new ThrottlingOptions { MaxTrackedKeys = 1000 }), clock);
        for (var i = 0; i < 3000; i++)
        {
            throttle.Begin($"sprayed{i}", null);
        }

        for (var i = 0; i < 6; i++)
        {
            throttle.Begin("victim", null).Should().BeNull();
        }

        throttle.Begin("victim", null).Should().NotBeNull("the victim's failures were counted despite the spray");
        throttle.TrackedKeys.Should().BeLessThanOrEqualTo(1000);
    }

    [Fact]
    public void Ipv6Addresses_OfOneSlash64_ShareOneBudget()
    {
        var throttle = new LoginThrottle(Options.Create(new ThrottlingOptions { FreeFailuresPerIp = 3 }), new FakeTimeProvider(DateTimeOffset.UtcNow));

        for (var i = 1; i <= 4; i++)
        {
            throttle.Begin($"user{i}", $"2001:db8:1:2::{i:x}");
        }

        throttle.Begin("another", "2001:db8:1:2::ffff").Should().NotBeNull();
        throttle.Begin("another", "2001:db8:1:3::1").Should().BeNull("another /64");
    }

    [Fact]
    public async Task WrongCurrentPasswordAtUsersMe_IsThrottledToo()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var tokens = await http.LoginAsync(app.AddClient(), await http.SignUpAsync());

        HttpResponseMessage last = new();
        for (var i = 0; i < 7; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, "/users/me/").WithBearer(tokens.AccessToken)
                .Form(("password", $"guess {i}"), ("new_password", "a different passphrase"));
            last = await http.SendAsync(request);
        }

        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task RetiringAPendingKeyThatTheSignerHandsOverTo_IsRefused()
    {
        using var app = new AuthJwtApp();
        _ = app.CreateClient();
        var rotation = app.Service<KeyRotation>();
        var pending = rotation.Rotate(now: false);

        rotation.Retire(pending.Kid).Should().Contain("would leave no key to sign");
    }

    [Fact]
    public async Task RotatingTwiceBeforeTheHandover_LeavesNoKeyPublishedForever()
    {
        using var app = new FakeClockApp();
        _ = app.CreateClient();
        var rotation = app.Service<KeyRotation>();
        var first = rotation.Rotate(now: false);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = rotation.Rotate(now: false);

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(36030));

        var states = rotation.List().ToDictionary(k => k.Kid, k => k.State);
        states[second.Kid].Should().Be(KeyState.Signing);
        states[first.Kid].Should().Be(KeyState.Expired);
        states.Values.Count(s => s != KeyState.Expired).Should().Be(1);
    }

    [Theory]
    [InlineData("multipart/form-data", "garbage")]
    [InlineData("multipart/form-data; boundary=xyz", "not really multipart")]
    public async Task MalformedMultipart_Is400NotA500(string contentType, string body)
    {
        using var app = new AuthJwtApp();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await app.CreateClient().PostAsync("/sign_up/", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.JsonAsync())["detail"]!).Should().StartWith("Form parse error");
    }

    [Fact]
    public async Task MultipartWithTooManyParts_Is400NotA500()
    {
        using var app = new AuthJwtApp();
        var content = new MultipartFormDataContent();
        for (var i = 0; i < 1100; i++)
        {
            content.Add(new StringContent("x"), $"f{i}");
        }

        var response = await app.CreateClient().PostAsync("/sign_up/", content);

        ((int)response.StatusCode).Should().BeOneOf(400, 413);
    }

    [Fact]
    public async Task Revoke_ChecksTheClientFirst_AndTwoMethodsAreABadRequest()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var confidential = app.AddClient(ClientType.Confidential);

        var noClientNoToken = await http.PostFormAsync("/o/revoke_token/");
        var twoMethods = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/o/revoke_token/")
            .WithBasic(confidential.Id, confidential.Secret!)
            .Form(("token", "x"), ("client_secret", confidential.Secret!)));

        await noClientNoToken.ShouldBeOAuthError(HttpStatusCode.Unauthorized, "invalid_client");
        twoMethods.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twoMethods.JsonAsync())["error"]!.GetValue<string>().Should().Be("invalid_request");
    }
}
