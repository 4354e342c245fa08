namespace Auth.Jwt.Bench;

/// <summary>The measured workloads, over users that already signed up and logged in.</summary>
internal sealed class Scenarios(AuthApi api, IReadOnlyList<string> users, IReadOnlyList<TokenPair> tokens)
{
    // The head of the refresh chain, kept across calls: presenting a rotated token again would be
    // reuse, and the server would revoke the whole family (and its access tokens) as it should.
    private string _refreshToken = tokens[0].RefreshToken;

    /// <summary>Password grants of real users, so every one runs a full Argon2 verification.</summary>
    public Task<Samples> PasswordGrantsAsync(int total, int concurrency, CancellationToken cancellationToken) =>
        Load.CountAsync(total, concurrency, (i, c) => api.PasswordGrantAsync(users[i % users.Count], c), cancellationToken);

    /// <summary>GET /users/me/ for <paramref name="duration"/>, spreading the requests over every user's token.</summary>
    public async Task<Samples> MeAsync(TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource(duration);
        return await Load.UntilAsync(stop.Token, concurrency, (i, c) => api.MeAsync(tokens[i % tokens.Count].AccessToken, c), cancellationToken);
    }

    /// <summary>
    /// A chain of refresh grants, one at a time: each rotates the token, and the next presents the new one
    /// (concurrent refreshes of one token would measure the replay grace instead).
    /// </summary>
    public Task<Samples> RefreshesAsync(int total, CancellationToken cancellationToken) =>
        Load.CountAsync(total, 1, async (_, c) =>
        {
            var (outcome, rotated) = await api.RefreshGrantAsync(_refreshToken, c);
            _refreshToken = rotated?.RefreshToken ?? _refreshToken;
            return outcome;
        }, cancellationToken);

    /// <summary>A few of each call first, so JIT compilation and first-use setup stay out of the numbers.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        _ = await PasswordGrantsAsync(2, 2, cancellationToken);
        _ = await MeAsync(TimeSpan.FromSeconds(1), 4, cancellationToken);
        _ = await RefreshesAsync(10, cancellationToken);
    }
}
