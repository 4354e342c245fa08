using Auth.Jwt.Accounts;
using LiteDB;

namespace Auth.Jwt.Storage.LiteDb;

/// <summary>Queries use the lambda API, which LiteDB parameterises.</summary>
internal sealed class LiteDbUserStore(LiteDbDatabase database) : IUserStore
{
    public bool TryAdd(User user)
    {
        return database.Run(session =>
        {
            try
            {
                session.Users.Insert(user);
                return true;
            }
            catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                return false;
            }
        });
    }

    public User? FindById(string id) => database.Run(s => s.Users.FindById(id));

    public User? FindByNormalizedUsername(string normalizedUsername) =>
        database.Run(s => s.Users.FindOne(u => u.NormalizedUsername == normalizedUsername));

    // One UpdateMany: the engine holds the collection's write lock from the match to the write.
    public bool TryReplacePasswordHash(string id, string expected, string replacement) =>
        database.Run(s => s.Users.UpdateMany(u => new User { PasswordHash = replacement }, u => u.Id == id && u.PasswordHash == expected)) == 1;

    public bool Delete(string id) => database.Run(s => s.Users.Delete(id));

    public IReadOnlyList<User> ListAll() => database.Run(s => s.Users.Query().OrderBy(u => u.DateJoined).ToList());
}
