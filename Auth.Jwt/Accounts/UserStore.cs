using Auth.Jwt.Storage;
using LiteDB;

namespace Auth.Jwt.Accounts;

/// <summary>The users collection. Queries use the lambda API, which LiteDB parameterises.</summary>
public sealed class UserStore
{
    private readonly ILiteCollection<User> _users;
    private readonly Lock _passwordWrites = new();

    public UserStore(AuthDatabase database)
    {
        _users = database.Collection<User>("users");
        _users.EnsureIndex(u => u.NormalizedUsername, unique: true);
    }

    /// <summary>Inserts the user; false when the normalised name is taken (the unique index decides races).</summary>
    public bool TryInsert(User user)
    {
        try
        {
            _users.Insert(user);
            return true;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public User? FindByUsername(string username)
    {
        var normalized = UsernameRules.Normalize(username);
        return _users.FindOne(u => u.NormalizedUsername == normalized);
    }

    public User? FindById(string id) => _users.FindById(id);

    public bool Exists(string username)
    {
        var normalized = UsernameRules.Normalize(username);
        return _users.Exists(u => u.NormalizedUsername == normalized);
    }

    public void UpdatePasswordHash(User user, string passwordHash)
    {
        lock (_passwordWrites)
        {
            user.PasswordHash = passwordHash;
            _users.Update(user);
        }
    }

    /// <summary>Compare-and-set: replaces the hash only if it is still <paramref name="expected"/>.</summary>
    public bool TryReplacePasswordHash(string id, string expected, string replacement)
    {
        lock (_passwordWrites)
        {
            var current = _users.FindById(id);
            if (current is null || current.PasswordHash != expected)
            {
                return false;
            }

            current.PasswordHash = replacement;
            return _users.Update(current);
        }
    }

    public bool Delete(string id) => _users.Delete(id);

    public IEnumerable<User> All() => _users.FindAll();
}
