namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 3.3 scope strings against the configured scopes.</summary>
public static class Scopes
{
    /// <summary>
    /// The scope to grant, in the requested order without repeats; null when a requested scope is not allowed.
    /// Absent or empty means everything allowed (RFC; DOT refuses <c>scope=</c>).
    /// </summary>
    public static string? Grant(string? requested, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return string.Join(' ', allowed);
        }

        var granted = new List<string>();
        foreach (var scope in requested.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!allowed.Contains(scope, StringComparer.Ordinal))
            {
                return null;
            }

            if (!granted.Contains(scope, StringComparer.Ordinal))
            {
                granted.Add(scope);
            }
        }

        return string.Join(' ', granted);
    }
}
