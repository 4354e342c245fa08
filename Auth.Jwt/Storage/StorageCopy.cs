using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Storage;

/// <summary>How many records of each kind one side holds.</summary>
public sealed record StorageCounts(int Users, int Clients, int RefreshTokens, int Revocations, int SigningKeys)
{
    public bool IsEmpty => Users + Clients + RefreshTokens + Revocations + SigningKeys == 0;

    public override string ToString() =>
        $"{Users} users, {Clients} applications, {RefreshTokens} live refresh tokens, {Revocations} denylist entries, {SigningKeys} signing keys";
}

/// <summary>
/// Copies everything a running service needs from one opened storage to another, through the store
/// interfaces only: users with their hashes, applications with their secret digests, live refresh
/// tokens with their families and successors (so grace and reuse detection carry over), the denylist
/// and the signing keys.
/// </summary>
public static class StorageCopy
{
    public static StorageCounts Count(IServiceProvider storage, DateTimeOffset now)
    {
        var users = storage.GetRequiredService<IUserStore>().ListAll();
        return new StorageCounts(
            users.Count,
            storage.GetRequiredService<IClientStore>().ListAll().Count,
            LiveTokens(storage, users, now).Count,
            storage.GetRequiredService<IRevocationStore>().ListUnexpired(now).Count,
            storage.GetRequiredService<IKeyStore>().List().Count);
    }

    public static void Copy(IServiceProvider from, IServiceProvider to, DateTimeOffset now)
    {
        var users = from.GetRequiredService<IUserStore>().ListAll();
        var targetUsers = to.GetRequiredService<IUserStore>();
        foreach (var user in users)
        {
            targetUsers.TryAdd(user);
        }

        var targetClients = to.GetRequiredService<IClientStore>();
        foreach (var client in from.GetRequiredService<IClientStore>().ListAll())
        {
            targetClients.Add(client);
        }

        var targetTokens = to.GetRequiredService<IRefreshTokenStore>();
        foreach (var token in LiveTokens(from, users, now))
        {
            targetTokens.Add(token);
        }

        var targetRevocations = to.GetRequiredService<IRevocationStore>();
        foreach (var revocation in from.GetRequiredService<IRevocationStore>().ListUnexpired(now))
        {
            targetRevocations.Put(revocation);
        }

        var sourceKeys = from.GetRequiredService<IKeyStore>();
        var targetKeys = to.GetRequiredService<IKeyStore>();
        foreach (var key in sourceKeys.List())
        {
            targetKeys.Add(key.Kid, sourceKeys.ReadPrivateKeyPem(key.Kid), key.Metadata);
        }
    }

    // The stores find tokens by family; every family belongs to a user.
    private static List<RefreshToken> LiveTokens(IServiceProvider storage, IReadOnlyList<User> users, DateTimeOffset now)
    {
        var tokens = storage.GetRequiredService<IRefreshTokenStore>();
        return [.. users
            .SelectMany(u => tokens.FamiliesOfUser(u.Id))
            .Distinct()
            .SelectMany(tokens.TokensOfFamily)
            .Where(t => t.ExpiresAt > now)];
    }
}
