using Auth.Jwt.Security;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>Holds a hashing slot until disposed: with one slot and no queue, anything that hashes meanwhile gets 503.</summary>
public sealed class GateOccupier : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new();
    private Task _occupying = Task.CompletedTask;

    public static async Task<GateOccupier> OccupyAsync(HashingGate gate)
    {
        var occupier = new GateOccupier();
        var running = new TaskCompletionSource();
        occupier._occupying = Task.Run(() => gate.RunAsync(() =>
        {
            running.SetResult();
            occupier._release.Task.Wait();
            return 0;
        }));
        await running.Task;
        return occupier;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _occupying;
    }
}
