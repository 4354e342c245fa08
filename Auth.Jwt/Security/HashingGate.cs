using Microsoft.Extensions.Options;

namespace Auth.Jwt.Security;

/// <summary>Thrown when every hashing slot is busy and the wait queue is full.</summary>
public sealed class ServerBusyException(int retryAfterSeconds) : Exception("Password hashing capacity exceeded.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>
/// Bounds Argon2, the one thing that can saturate the machine: at most N hashes run,
/// a bounded number wait, and the rest are refused at once rather than piling up memory.
/// </summary>
public sealed class HashingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private readonly int _retryAfterSeconds;
    private int _queued;

    public HashingGate(IOptions<PasswordHashingOptions> options)
    {
        var value = options.Value;
        _slots = new SemaphoreSlim(value.EffectiveConcurrency, value.EffectiveConcurrency);
        _maxQueued = value.MaxQueuedHashes;
        _retryAfterSeconds = value.RetryAfterSeconds;
    }

    public int QueueLength => Volatile.Read(ref _queued);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _queued) > _maxQueued)
            {
                Interlocked.Decrement(ref _queued);
                throw new ServerBusyException(_retryAfterSeconds);
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
