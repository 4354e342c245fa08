using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tests.Security;

public sealed class HashingGateTests
{
    [Fact]
    public async Task RunAsync_PastSlotsAndQueue_ThrowsServerBusy()
    {
        using var gate = new HashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 1, MaxQueuedHashes = 1 }));
        var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();
        var first = Task.Run(() => gate.RunAsync(() => { running.SetResult(); release.Wait(); return 1; }));
        await running.Task;
        var queued = gate.RunAsync(() => 2);

        var overflow = () => gate.RunAsync(() => 3);

        await overflow.Should().ThrowAsync<ServerBusyException>();
        gate.QueueLength.Should().Be(1);
        release.Set();
        (await first).Should().Be(1);
        (await queued).Should().Be(2);
        gate.QueueLength.Should().Be(0);
    }

    [Fact]
    public async Task RunAsync_NeverRunsMoreThanTheConfiguredNumberAtOnce()
    {
        using var gate = new HashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 2, MaxQueuedHashes = 100 }));
        var current = 0;
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => gate.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            Thread.SpinWait(20_000);
            Interlocked.Decrement(ref current);
            return 0;
        }))));

        peak.Should().BeLessThanOrEqualTo(2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
