using System.CommandLine;
using Auth.Jwt.Accounts;

namespace Auth.Jwt.Cli;

/// <summary><c>tokens revoke --user NAME</c>: end every session of a user.</summary>
public static class TokensCommands
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The username (any case).", Required = true };
        var revoke = new Command("revoke", "Revoke every refresh-token family of a user; their access tokens die here at once.") { user };
        revoke.SetAction(parsed =>
        {
            var name = parsed.GetRequiredValue(user);
            if (context.Get<IUserStore>().FindByUsername(name) is not { } found)
            {
                context.Error.WriteLine($"error: no user is named {name}");
                return AdminCommandLine.Failure;
            }

            var families = context.Get<AccountLifecycle>().RevokeSessions(found.Id);
            context.Output.WriteLine($"revoked {families} session(s) of {found.Username}");
            return AdminCommandLine.Success;
        });

        return new Command("tokens", "Revoke tokens.") { revoke };
    }
}
