using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Auth.Jwt.Accounts;

/// <summary>
/// Django's four default password validators, in Django's order, each failure one message:
/// similarity to the username, minimum length, common password, all digits.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;
    private const double MaxSimilarity = 0.7;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public static List<string> Validate(string password, string username)
    {
        var errors = new List<string>();
        if (IsTooSimilar(password, username))
        {
            errors.Add("The password is too similar to the username.");
        }

        if (UsernameRules.Length(password) < MinLength)
        {
            errors.Add($"This password is too short. It must contain at least {MinLength} characters.");
        }

        if (CommonPasswords.Value.Contains(password.ToLowerInvariant().Trim()))
        {
            errors.Add("This password is too common.");
        }

        if (password.All(char.IsDigit))
        {
            errors.Add("This password is entirely numeric.");
        }

        return errors;
    }

    /// <summary>
    /// Django's UserAttributeSimilarityValidator against the whole username only
    /// (not its parts, so <c>django.pony</c> / <c>djangsta</c> passes): SequenceMatcher.quick_ratio.
    /// </summary>
    internal static bool IsTooSimilar(string password, string username)
    {
        if (username.Length == 0)
        {
            return false;
        }

        var a = password.ToLowerInvariant();
        var b = username.ToLowerInvariant();
        // Django skips values far shorter than the password: their ratio cannot reach the bound.
        if (a.Length >= 10 * b.Length && b.Length < MaxSimilarity / 2 * a.Length)
        {
            return false;
        }

        return QuickRatio(a, b) >= MaxSimilarity;
    }

    /// <summary>Python's difflib quick_ratio: 2 * (multiset intersection) / (len a + len b).</summary>
    internal static double QuickRatio(string a, string b)
    {
        var available = new Dictionary<char, int>();
        foreach (var c in b)
        {
            available[c] = available.GetValueOrDefault(c) + 1;
        }

        var matches = 0;
        foreach (var c in a)
        {
            if (available.TryGetValue(c, out var count) && count > 0)
            {
                available[c] = count - 1;
                matches++;
            }
        }

        return 2.0 * matches / (a.Length + b.Length);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Auth.Jwt.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-passwords resource is missing from the build.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            set.Add(line.Trim().ToLower(CultureInfo.InvariantCulture));
        }

        return set;
    }
}
