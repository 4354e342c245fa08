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

    /// <summary>
    /// Look-alikes: refuses letters of several scripts in one name (<c>pаypal</c> with a Cyrillic <c>а</c>)
    /// and the invisible Hangul fillers that pass as letters. Latin with Han, kana or Hangul is allowed,
    /// as Unicode's "highly restrictive" profile (UTS #39) allows for Japanese and Korean names.
    /// </summary>
    public static bool IsSingleScript(string username)
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rune in username.EnumerateRunes())
        {
            if (rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0)
            {
                return false;
            }

            if (Rune.IsLetter(rune))
            {
                scripts.Add(ScriptOf(rune.Value));
            }
        }

        return scripts.Count <= 1
            || scripts.IsSubsetOf(["Latin", "Han", "Hiragana", "Katakana"])
            || scripts.IsSubsetOf(["Latin", "Han", "Hangul"]);
    }

    private static string ScriptOf(int c) => c switch
    {
        <= 0x024F or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF) or (>= 0xAB30 and <= 0xAB6F) => "Latin",
        (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => "Greek",
        (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF) or (>= 0xA640 and <= 0xA69F) => "Cyrillic",
        >= 0x0530 and <= 0x058F => "Armenian",
        >= 0x0590 and <= 0x05FF => "Hebrew",
        (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF) => "Arabic",
        >= 0x10A0 and <= 0x10FF => "Georgian",
        (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xAC00 and <= 0xD7AF) => "Hangul",
        >= 0x3040 and <= 0x309F => "Hiragana",
        (>= 0x30A0 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) => "Katakana",
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F) => "Han",
        // Other scripts by Unicode block, so two unlike ones still count as a mix.
        _ => "block:" + (c >> 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
