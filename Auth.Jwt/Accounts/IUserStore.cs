namespace Auth.Jwt.Accounts;

/// <summary>The users of the service. Reads and writes only: every rule is in the account services.</summary>
public interface IUserStore
{
    /// <summary>Adds the user; false when the normalised name is taken (the store's uniqueness decides races).</summary>
    bool TryAdd(User user);

    User? FindById(string id);

    User? FindByNormalizedUsername(string normalizedUsername);

    /// <summary>Compare-and-set: replaces the hash only if it is still <paramref name="expected"/>.</summary>
    bool TryReplacePasswordHash(string id, string expected, string replacement);

    bool Delete(string id);

    /// <summary>Every user, oldest first.</summary>
    IReadOnlyList<User> ListAll();
}

public static class UserStoreExtensions
{
    /// <summary>The user a name means, in any case or compatibility form (DESIGN.md 2).</summary>
    public static User? FindByUsername(this IUserStore users, string username) =>
        users.FindByNormalizedUsername(UsernameRules.Normalize(username));
}
