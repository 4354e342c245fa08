namespace Auth.Jwt.Bench;

/// <summary>The measured workloads, over users that already signed up and logged in.</summary>
internal sealed class Scenarios(AuthApi api, IReadOnlyList<string> users, IReadOnlyList<TokenPair> tokens)
{
    // One chain, kept across calls; the other users' refresh tokens stay unused.
    private readonly RefreshChains _chain = new(api, [tokens[0].RefreshToken]);

    /// <summary>Password grants of real users, so every one runs a full Argon2 verification.</summary>
    public Task<Samples> PasswordGrantsAsync(int total, int concurrency, CancellationToken cancellationToken) =>
        Load.CountAsync(total, concurrency, (i, c) => api.PasswordGrantAsync(users[i % users.Count], c), cancellationToken);

    /// <summary>GET /users/me/ for <paramref name="duration"/>, spreading the requests over every user's token.</summary>
    public async Task<Samples> MeAsync(TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource(duration);
        return await Load.UntilAsync(stop.Token, concurrency, (i, c) => api.MeAsync(tokens[i % tokens.Count].AccessToken, c), cancellationToken);
    }

    /// <summary>A chain of refresh grants, one at a time, each presenting the token the last one returned.</summary>
    public Task<Samples> RefreshesAsync(int total, CancellationToken cancellationToken) => _chain.RotateAsync(total, cancellationToken);

    /// <summary>A few of each call first, so JIT compilation and first-use setup stay out of the numbers.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        _ = await PasswordGrantsAsync(2, 2, cancellationToken);
        _ = await MeAsync(TimeSpan.FromSeconds(1), 4, cancellationToken);
        _ = await RefreshesAsync(10, cancellationToken);
    }
}
