using System.Globalization;

namespace Auth.Jwt.Accounts;

/// <summary>A user as the API and the command line show it (DRF's serializer shape).</summary>
public static class UserJson
{
    public static Dictionary<string, string> Describe(User user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Username,
        // DRF's DateTimeField: ISO 8601, microseconds, Z.
        ["date_joined"] = user.DateJoined.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
    };
}
