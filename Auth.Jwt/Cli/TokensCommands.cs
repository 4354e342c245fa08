using System.CommandLine;

namespace Auth.Jwt.Cli;

/// <summary><c>tokens revoke --user NAME</c>: end every session of a user.</summary>
public static class TokensCommands
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The username (any case).", Required = true };
        var revoke = new Command("revoke", "Revoke every refresh-token family of a user; their access tokens die here at once.") { user };
        revoke.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(
                await admin.EndSessionsAsync(parsed.GetRequiredValue(user), cancellationToken),
                ended => context.Output.WriteLine($"revoked {ended.Sessions} session(s) of {ended.Username}"));
        });

        return new Command("tokens", "Revoke tokens.") { revoke };
    }
}
