using System.CommandLine;
using Auth.Jwt.Cli.Admin;

namespace Auth.Jwt.Cli;

/// <summary>
/// <c>users add|list|remove|set-password</c>. Passwords come from stdin or a silent prompt, never argv
/// (argv is visible to every user of the machine in <c>ps</c>). The sign-up rules apply.
/// </summary>
public static class UsersCommands
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts." };
        return new Command("users", "Manage users. Passwords are read from stdin or a prompt, never from arguments.")
        {
            Add(context, json),
            List(context, json),
            Remove(context),
            SetPassword(context),
        };
    }

    private static Command Add(CliContext context, Option<bool> json)
    {
        var username = new Argument<string>("username") { Description = "Letters, digits and @.+-_ (150 at most)." };
        var command = new Command("add", "Create a user; the password is read from stdin or a prompt.") { username, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var password = context.ReadSecret();
            var admin = await context.AdminAsync(DataNeed.MayCreate, cancellationToken);
            return context.Report(await admin.AddUserAsync(new AddUserRequest(parsed.GetRequiredValue(username), password), cancellationToken), user =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(user);
                }
                else
                {
                    context.Output.WriteLine($"created {user.Username} ({user.Id})");
                }
            });
        });
        return command;
    }

    private static Command List(CliContext context, Option<bool> json)
    {
        var command = new Command("list", "List users.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.ListUsersAsync(cancellationToken), users =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(users);
                    return;
                }

                foreach (var user in users)
                {
                    context.Output.WriteLine($"{user.Id}  {user.DateJoined}  {user.Username}");
                }
            });
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var username = new Argument<string>("username") { Description = "The user to delete (any case)." };
        var command = new Command("remove", "Delete a user and end every session of theirs.") { username };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.RemoveUserAsync(parsed.GetRequiredValue(username), cancellationToken), context.WriteDone);
        });
        return command;
    }

    private static Command SetPassword(CliContext context)
    {
        var username = new Argument<string>("username") { Description = "The user (any case)." };
        var command = new Command("set-password", "Set a user's password (from stdin or a prompt) and end every session of theirs.") { username };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var password = context.ReadSecret();
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.SetPasswordAsync(parsed.GetRequiredValue(username), new SetPasswordRequest(password), cancellationToken), context.WriteDone);
        });
        return command;
    }
}
