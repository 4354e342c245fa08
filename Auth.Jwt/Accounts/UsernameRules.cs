using System.Text;

namespace Auth.Jwt.Accounts;

/// <summary>Django's username rules (UnicodeUsernameValidator, 150 characters) plus our uniqueness key.</summary>
public static class UsernameRules
{
    public const int MaxLength = 150;

    /// <summary>NFKC, as Django stores usernames.</summary>
    public static string Canonicalize(string username) => username.Normalize(NormalizationForm.FormKC);

    /// <summary>NFKC then case folding: the key that makes <c>Pony</c> and <c>pony</c> one user.</summary>
    public static string Normalize(string username)
    {
        // .NET has no full case fold; upper then lower maps the case pairs (and final sigma) together.
        var folded = Canonicalize(username).ToUpperInvariant().ToLowerInvariant();
        return folded.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Letters, digits and <c>@.+-_</c>, as Django's <c>^[\w.@+-]+\Z</c>.</summary>
    public static bool HasOnlyAllowedCharacters(string username)
    {
        foreach (var rune in username.EnumerateRunes())
        {
            if (!(Rune.IsLetterOrDigit(rune) || rune.Value is '@' or '.' or '+' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static int Length(string value) => value.EnumerateRunes().Count();
}
