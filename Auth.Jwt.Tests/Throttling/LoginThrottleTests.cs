using System.Net;
using Auth.Jwt.Security;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Throttling;

/// <summary>Brute force and credential stuffing (DESIGN.md 10): back-off per username and per IP, never a lockout.</summary>
public sealed class LoginThrottleTests
{
    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient http, TestClient client, string username, string password, string ip)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/")
            .Form(("grant_type", "password"), ("username", username), ("password", password), ("client_id", client.Id));
        request.Headers.Add(ClientIpFromTestHeader.Header, ip);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task ThirtyWrongPasswords_ThenTheRightOneIsThrottled_AndSucceedsAfterTheBackoff()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await LoginFromAsync(http, client, username, "wrong password", $"198.51.100.{i}")).StatusCode);
        }

        var throttled = await LoginFromAsync(http, client, username, Names.GoodPassword, "198.51.100.200");

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.BadRequest, "5 failures are free");
        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        await throttled.ShouldBeOAuthError(HttpStatusCode.TooManyRequests, "slow_down", "Too many failed logins; retry after the time in Retry-After.");
        var wait = throttled.Headers.RetryAfter!.Delta!.Value;
        wait.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(15));

        app.Clock.Advance(wait);

        await (await LoginFromAsync(http, client, username, Names.GoodPassword, "198.51.100.200")).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Backoff_DoublesFromOneSecond_AndIsCappedAtFifteenMinutes()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = Names.UniqueUser("ghost");
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 20; i++)
        {
            var response = await LoginFromAsync(http, client, username, "guess", $"203.0.113.{i}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = response.Headers.RetryAfter!.Delta!.Value;
                waits.Add(wait);
                app.Clock.Advance(wait);
                (await LoginFromAsync(http, client, username, "guess", $"203.0.113.{i}")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the back-off is over");
            }
        }

        waits.Take(4).Select(w => w.TotalSeconds).Should().Equal(1, 2, 4, 8);
        waits.Max().Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task UnknownUsername_IsThrottledTheSameWayAsAKnownOne()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var known = await http.SignUpAsync();
        var unknown = Names.UniqueUser("nobody");

        for (var i = 0; i < 6; i++)
        {
            await LoginFromAsync(http, client, known, "wrong password", "192.0.2.1");
            await LoginFromAsync(http, client, unknown, "wrong password", "192.0.2.2");
        }

        var knownAnswer = await LoginFromAsync(http, client, known, "wrong password", "192.0.2.1");
        var unknownAnswer = await LoginFromAsync(http, client, unknown, "wrong password", "192.0.2.2");

        knownAnswer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        unknownAnswer.StatusCode.Should().Be(knownAnswer.StatusCode);
        (await unknownAnswer.Content.ReadAsStringAsync()).Should().Be(await knownAnswer.Content.ReadAsStringAsync());
        unknownAnswer.Headers.RetryAfter.Should().Be(knownAnswer.Headers.RetryAfter);
    }

    [Fact]
    public async Task UnknownUserAndWrongPassword_AnswerIdentically()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var known = await http.SignUpAsync();

        var wrongPassword = await LoginFromAsync(http, client, known, "wrong password", "192.0.2.10");
        var unknownUser = await LoginFromAsync(http, client, Names.UniqueUser("nobody"), "wrong password", "192.0.2.11");

        unknownUser.StatusCode.Should().Be(wrongPassword.StatusCode);
        (await unknownUser.Content.ReadAsStringAsync()).Should().Be(await wrongPassword.Content.ReadAsStringAsync());
        unknownUser.Headers.Select(h => h.Key).Should().BeEquivalentTo(wrongPassword.Headers.Select(h => h.Key));
    }

    [Fact]
    public async Task ThrottledAttempt_NeverReachesArgon2()
    {
        using var app = new FakeClockApp();
        app.Settings["AuthJwt:PasswordHashing:MaxConcurrentHashes"] = "1";
        app.Settings["AuthJwt:PasswordHashing:MaxQueuedHashes"] = "0";
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = Names.UniqueUser("victim");
        for (var i = 0; i < 6; i++)
        {
            await LoginFromAsync(http, client, username, "guess", "192.0.2.20");
        }

        // With the only hashing slot taken, anything that hashed would get 503.
        var gate = app.Service<HashingGate>();
        var occupied = await GateOccupier.OccupyAsync(gate);
        var response = await LoginFromAsync(http, client, username, "guess", "192.0.2.20");
        await occupied.DisposeAsync();

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ManyUsernamesFromOneIp_AreThrottledPerIp()
    {
        using var app = new FakeClockApp();
        app.Settings["AuthJwt:Throttling:FreeFailuresPerIp"] = "10";
        var http = app.CreateClient();
        var client = app.AddClient();
        var victim = await http.SignUpAsync();

        for (var i = 0; i < 11; i++)
        {
            await LoginFromAsync(http, client, Names.UniqueUser("sprayed"), "Summer2026!", "192.0.2.30");
        }

        (await LoginFromAsync(http, client, victim, Names.GoodPassword, "192.0.2.30")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        await (await LoginFromAsync(http, client, victim, Names.GoodPassword, "192.0.2.31")).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task BehindALoopbackProxy_TheForwardedClientIpIsThrottled_NotTheProxy()
    {
        using var app = new FakeClockApp();
        app.Settings["AuthJwt:Throttling:FreeFailuresPerIp"] = "3";
        var http = app.CreateClient();
        var client = app.AddClient();
        var victim = await http.SignUpAsync();

        Task<HttpResponseMessage> ViaProxy(string username, string password, string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/")
                .Form(("grant_type", "password"), ("username", username), ("password", password), ("client_id", client.Id));
            request.Headers.Add(ClientIpFromTestHeader.Header, "127.0.0.1");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return http.SendAsync(request);
        }

        for (var i = 0; i < 5; i++)
        {
            await ViaProxy(Names.UniqueUser("sprayed"), "guess", "198.51.100.99");
        }

        (await ViaProxy(victim, Names.GoodPassword, "198.51.100.99")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        await (await ViaProxy(victim, Names.GoodPassword, "198.51.100.100")).ShouldBeTokensAsync();
    }

    [Fact]
    public async Task Success_ResetsTheUsernameCount()
    {
        using var app = new FakeClockApp();
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                (await LoginFromAsync(http, client, username, "typo", $"192.0.2.{40 + round}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
            }

            await (await LoginFromAsync(http, client, username, Names.GoodPassword, $"192.0.2.{40 + round}")).ShouldBeTokensAsync();
        }
    }

    [Fact]
    public async Task ThrottlingDisabled_NeverAnswers429()
    {
        using var app = new FakeClockApp();
        app.Settings["AuthJwt:Throttling:Enabled"] = "false";
        var http = app.CreateClient();
        var client = app.AddClient();
        var username = await http.SignUpAsync();

        for (var i = 0; i < 12; i++)
        {
            (await LoginFromAsync(http, client, username, "wrong", "192.0.2.50")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task SignUp_IsRateLimitedPerIp()
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:Throttling:SignUpsPerIp"] = "3";
        var http = app.CreateClient();

        async Task<HttpResponseMessage> SignUpFrom(string ip)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/sign_up/")
            {
                Content = new StringContent($$"""{"username":"{{Names.UniqueUser()}}","password":"{{Names.GoodPassword}}"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ClientIpFromTestHeader.Header, ip);
            return await http.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            (await SignUpFrom("192.0.2.60")).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var limited = await SignUpFrom("192.0.2.60");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        ((string)(await limited.JsonAsync())["detail"]!).Should().StartWith("Request was throttled. Expected available in ");
        (await SignUpFrom("192.0.2.61")).StatusCode.Should().Be(HttpStatusCode.Created, "another IP has its own limit");
    }
}
