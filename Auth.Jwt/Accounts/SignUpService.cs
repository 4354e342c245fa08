using Auth.Jwt.Http;
using Auth.Jwt.Security;

namespace Auth.Jwt.Accounts;

public abstract record SignUpResult
{
    public sealed record Created(User User) : SignUpResult;

    public sealed record Invalid(Dictionary<string, List<string>> Errors) : SignUpResult;
}

/// <summary>Sign-up as the seed's DRF serializer does it, with our stricter rules (DESIGN.md 2).</summary>
public sealed class SignUpService(IUserStore users, Argon2PasswordHasher hasher, TimeProvider time, AccountsLog log)
{
    public const string UsernameTaken = "A user with that username already exists.";
    public const string InvalidUsername = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    public const string MixedScripts = "Enter a valid username. Letters of different scripts (such as Latin and Cyrillic) cannot be mixed.";

    public async Task<SignUpResult> SignUpAsync(Field usernameField, Field passwordField, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var username = ValidateUsername(usernameField, errors);
        var password = ValidatePassword(passwordField, username ?? "", errors);
        if (username is null || password is null || errors.Count > 0)
        {
            return new SignUpResult.Invalid(errors);
        }

        // Cheap refusal before paying for a hash; the unique index settles races below.
        if (users.FindByUsername(username) is not null)
        {
            return Taken();
        }

        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Username = username,
            NormalizedUsername = UsernameRules.Normalize(username),
            PasswordHash = await hasher.HashAsync(password, cancellationToken).ConfigureAwait(false),
            DateJoined = time.GetUtcNow(),
        };

        if (!users.TryAdd(user))
        {
            return Taken();
        }

        log.SignedUp(user.Id);
        return new SignUpResult.Created(user);
    }

    private static string? ValidateUsername(Field field, Dictionary<string, List<string>> errors)
    {
        // DRF trims usernames (CharField trim_whitespace); Django stores them NFKC.
        var username = FieldRules.RequireText(field, "username", trim: true, errors);
        if (username is null)
        {
            return null;
        }

        username = UsernameRules.Canonicalize(username);
        if (UsernameRules.Length(username) > UsernameRules.MaxLength)
        {
            errors["username"] = [Drf.Messages.MaxLength(UsernameRules.MaxLength)];
        }
        else if (!UsernameRules.HasOnlyAllowedCharacters(username))
        {
            errors["username"] = [InvalidUsername];
        }
        else if (!UsernameRules.IsSingleScript(username))
        {
            errors["username"] = [MixedScripts];
        }

        return username;
    }

    private static string? ValidatePassword(Field field, string username, Dictionary<string, List<string>> errors)
    {
        // Never trimmed: the password is exactly what the user typed (DOT trims, then logins fail).
        var password = FieldRules.RequireText(field, "password", trim: false, errors);
        if (password is null)
        {
            return null;
        }

        FieldRules.CheckNewPassword(password, "password", errors.ContainsKey("username") ? "" : username, errors);
        return password;
    }

    private static SignUpResult.Invalid Taken() =>
        new(new Dictionary<string, List<string>> { ["username"] = [UsernameTaken] });
}
