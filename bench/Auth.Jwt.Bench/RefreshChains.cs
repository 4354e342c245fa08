using System.Collections.Concurrent;

namespace Auth.Jwt.Bench;

/// <summary>
/// Refresh-token chains, each rotated one grant at a time: a grant takes a chain's head, presents it, and
/// puts the successor back. As many workers as chains keep every chain busy and none presented twice
/// (presenting a rotated token again would be reuse, and the server would rightly revoke the family).
/// </summary>
internal sealed class RefreshChains(AuthApi api, IEnumerable<string> heads)
{
    private readonly ConcurrentQueue<string> _heads = new(heads);

    public int Count => _heads.Count;

    /// <summary><paramref name="total"/> grants, one in flight per chain.</summary>
    public Task<Samples> RotateAsync(int total, CancellationToken cancellationToken) =>
        Load.CountAsync(total, _heads.Count, async (_, c) =>
        {
            if (!_heads.TryDequeue(out var head))
            {
                throw new InvalidOperationException("more workers than chains");
            }

            var successor = head;
            try
            {
                var (outcome, rotated) = await api.RefreshGrantAsync(head, c);
                successor = rotated?.RefreshToken ?? head;
                return outcome;
            }
            finally
            {
                _heads.Enqueue(successor);
            }
        }, cancellationToken);
}
