using System.CommandLine;
using System.Text.Json;
using Auth.Jwt.Accounts;
using Auth.Jwt.Http;

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
            var result = await context.Get<SignUpService>().SignUpAsync(
                new Field(FieldState.Present, parsed.GetRequiredValue(username)), new Field(FieldState.Present, password), cancellationToken);
            if (result is SignUpResult.Invalid invalid)
            {
                return Refuse(context, invalid.Errors);
            }

            var user = ((SignUpResult.Created)result).User;
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(UserJson.Describe(user), Drf.JsonOptions));
            }
            else
            {
                context.Output.WriteLine($"created {user.Username} ({user.Id})");
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command List(CliContext context, Option<bool> json)
    {
        var command = new Command("list", "List users.") { json };
        command.SetAction(parsed =>
        {
            var users = context.Get<IUserStore>().ListAll();
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(users.Select(UserJson.Describe), Drf.JsonOptions));
                return AdminCommandLine.Success;
            }

            foreach (var user in users)
            {
                context.Output.WriteLine($"{user.Id}  {user.DateJoined:u}  {user.Username}");
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var username = new Argument<string>("username") { Description = "The user to delete (any case)." };
        var command = new Command("remove", "Delete a user and end every session of theirs.") { username };
        command.SetAction(parsed =>
        {
            if (Find(context, parsed.GetRequiredValue(username)) is not { } user)
            {
                return AdminCommandLine.Failure;
            }

            context.Get<AccountLifecycle>().Delete(user);
            context.Output.WriteLine($"removed {user.Username}");
            return AdminCommandLine.Success;
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
            if (Find(context, parsed.GetRequiredValue(username)) is not { } user)
            {
                return AdminCommandLine.Failure;
            }

            var refused = await context.Get<AccountLifecycle>().ChangePasswordAsync(user, password, cancellationToken);
            if (refused.Count > 0)
            {
                return Refuse(context, new() { ["password"] = [.. refused] });
            }

            context.Output.WriteLine($"password set for {user.Username}; their sessions are revoked");
            return AdminCommandLine.Success;
        });
        return command;
    }

    private static User? Find(CliContext context, string username)
    {
        var user = context.Get<IUserStore>().FindByUsername(username);
        if (user is null)
        {
            context.Error.WriteLine($"error: no user is named {username}");
        }

        return user;
    }

    private static int Refuse(CliContext context, Dictionary<string, List<string>> errors)
    {
        context.Error.WriteLine("error: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return AdminCommandLine.Failure;
    }
}
