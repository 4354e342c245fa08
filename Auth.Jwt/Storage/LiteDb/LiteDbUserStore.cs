using Auth.Jwt.Accounts;
using LiteDB;

namespace Auth.Jwt.Storage.LiteDb;

/// <summary>Queries use the lambda API, which LiteDB parameterises.</summary>
internal sealed class LiteDbUserStore(LiteDbDatabase database) : IUserStore
{
    public bool TryAdd(User user)
    {
        try
        {
            database.Users.Insert(user);
            return true;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public User? FindById(string id) => database.Users.FindById(id);

    public User? FindByNormalizedUsername(string normalizedUsername) =>
        database.Users.FindOne(u => u.NormalizedUsername == normalizedUsername);

    // One UpdateMany: the engine holds the collection's write lock from the match to the write.
    public bool TryReplacePasswordHash(string id, string expected, string replacement) =>
        database.Users.UpdateMany(u => new User { PasswordHash = replacement }, u => u.Id == id && u.PasswordHash == expected) == 1;

    public bool Delete(string id) => database.Users.Delete(id);

    public IReadOnlyList<User> ListAll() => [.. database.Users.Query().OrderBy(u => u.DateJoined).ToEnumerable()];
}
