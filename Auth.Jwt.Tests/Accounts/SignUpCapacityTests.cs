using System.Net;
using Auth.Jwt.Security;
using Auth.Jwt.Tests.Infrastructure;

namespace Auth.Jwt.Tests.Accounts;

public sealed class SignUpCapacityTests
{
    [Fact]
    public async Task SignUp_HashSlotsAndQueueFull_Returns503WithRetryAfter()
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:PasswordHashing:MaxConcurrentHashes"] = "1";
        app.Settings["AuthJwt:PasswordHashing:MaxQueuedHashes"] = "0";
        app.Settings["AuthJwt:PasswordHashing:RetryAfterSeconds"] = "7";
        var client = app.CreateClient();
        var gate = app.Service<HashingGate>();
        var occupied = await GateOccupier.OccupyAsync(gate);

        var response = await client.PostJsonAsync("/sign_up/", $$"""{"username":"{{Names.UniqueUser()}}","password":"{{Names.GoodPassword}}"}""");

        await occupied.DisposeAsync();
        await response.ShouldAnswer(HttpStatusCode.ServiceUnavailable, """{"detail":"The server is busy; retry later."}""");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        gate.QueueLength.Should().Be(0);
    }

    [Fact]
    public async Task SignUp_SlotBusyButQueueOpen_WaitsAndSucceeds()
    {
        using var app = new AuthJwtApp();
        app.Settings["AuthJwt:PasswordHashing:MaxConcurrentHashes"] = "1";
        app.Settings["AuthJwt:PasswordHashing:MaxQueuedHashes"] = "4";
        var client = app.CreateClient();
        var gate = app.Service<HashingGate>();
        var occupied = await GateOccupier.OccupyAsync(gate);

        var signUp = client.PostJsonAsync("/sign_up/", $$"""{"username":"{{Names.UniqueUser()}}","password":"{{Names.GoodPassword}}"}""");
        while (gate.QueueLength == 0)
        {
            await Task.Yield();
        }

        await occupied.DisposeAsync();
        (await signUp).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
