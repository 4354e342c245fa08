using Auth.Jwt.Http;

namespace Auth.Jwt.Accounts;

/// <summary>DRF CharField checks and the password policy, shared by sign-up and the account endpoints.</summary>
public static class FieldRules
{
    /// <summary>The field's text, or null with its DRF error recorded (required, null, not a string, blank).</summary>
    public static string? RequireText(Field field, string name, bool trim, Dictionary<string, List<string>> errors)
    {
        string? error = field.State switch
        {
            FieldState.Missing => Drf.Messages.Required,
            FieldState.Null => Drf.Messages.Null,
            FieldState.NotAString => Drf.Messages.NotAString,
            _ when string.IsNullOrWhiteSpace(field.Text) => Drf.Messages.Blank,
            // Django's ProhibitNullCharactersValidator, on every CharField.
            _ when field.Text.Contains('\0', StringComparison.Ordinal) => "Null characters are not allowed.",
            _ => null,
        };

        if (error is not null)
        {
            errors[name] = [error];
            return null;
        }

        return trim ? field.Text.Trim() : field.Text;
    }

    /// <summary>A password being set: at most 128 characters, then Django's validators, each failure under <paramref name="name"/>.</summary>
    public static void CheckNewPassword(string password, string name, string username, Dictionary<string, List<string>> errors)
    {
        if (UsernameRules.Length(password) > PasswordPolicy.MaxLength)
        {
            errors[name] = [Drf.Messages.MaxLength(PasswordPolicy.MaxLength)];
            return;
        }

        var policyErrors = PasswordPolicy.Validate(password, username);
        if (policyErrors.Count > 0)
        {
            errors[name] = policyErrors;
        }
    }
}
