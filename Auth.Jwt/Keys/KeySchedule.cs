namespace Auth.Jwt.Keys;

public enum KeyState
{
    /// <summary>Published, not signing yet: caches of the JWKS learn it before its first token.</summary>
    Pending,

    /// <summary>The one key that signs.</summary>
    Signing,

    /// <summary>Not signing; published and validating until every token it signed has expired.</summary>
    Validating,

    /// <summary>Every token it signed has expired: not published, not trusted, safe to delete.</summary>
    Expired,
}

/// <summary>
/// The rotation rules, from the schedules alone and the clock, so every server reading the
/// same folder picks the same signing key.
/// </summary>
public static class KeySchedule
{
    /// <summary>The signer: the latest-activated key that is active and not retired (ties by kid).</summary>
    public static T? Signer<T>(IEnumerable<T> keys, Func<T, KeyMetadata> metadata, DateTimeOffset now)
        where T : class =>
        keys.Where(k => IsActive(metadata(k), now))
            .OrderByDescending(k => metadata(k).ActivatesAt)
            .ThenBy(k => metadata(k).CreatedAt)
            .FirstOrDefault();

    /// <summary>A key's state now; <paramref name="tokenLifetime"/> is access-token lifetime plus clock skew, how long a signed token stays valid.</summary>
    public static KeyState StateOf(KeyMetadata key, bool isSigner, DateTimeOffset now, TimeSpan tokenLifetime)
    {
        if (isSigner)
        {
            return KeyState.Signing;
        }

        if (now < key.ActivatesAt)
        {
            return KeyState.Pending;
        }

        return IsExpired(key, now, tokenLifetime) ? KeyState.Expired : KeyState.Validating;
    }

    /// <summary>Every token the key signed has expired: it is neither published nor trusted. A signer never is.</summary>
    public static bool IsExpired(KeyMetadata key, DateTimeOffset now, TimeSpan tokenLifetime) =>
        key.RetiredAt is { } retired && now >= retired + tokenLifetime;

    private static bool IsActive(KeyMetadata key, DateTimeOffset now) =>
        key.ActivatesAt <= now && (key.RetiredAt is not { } retired || now < retired);
}
