using System.CommandLine;
using System.Text.Json;
using Auth.Jwt.Clients;
using Auth.Jwt.Http;

namespace Auth.Jwt.Cli;

/// <summary><c>apps add|list|remove|rotate-secret</c>: OAuth applications, as DOT users manage them in Django's admin.</summary>
public static class AppsCommands
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts." };
        return new Command("apps", "Manage OAuth applications (clients).")
        {
            Add(context, json),
            List(context, json),
            Remove(context),
            RotateSecret(context, json),
        };
    }

    private static Command Add(CliContext context, Option<bool> json)
    {
        var name = new Option<string>("--name") { Description = "A name people recognise, such as \"iOS App\".", Required = true };
        var type = new Option<string>("--client-type") { Description = "public (mobile, browser) or confidential (has a secret).", Required = true };
        type.AcceptOnlyFromAmong("public", "confidential");
        var grants = new Option<string[]>("--grant-type")
        {
            Description = "Grant types the client may use; refresh_token always comes with password.",
            DefaultValueFactory = _ => [GrantTypes.Password],
            AllowMultipleArgumentsPerToken = true,
        };
        grants.AcceptOnlyFromAmong([.. GrantTypes.Supported]);

        var command = new Command("add", "Create an application; prints its client_id, and its secret once for a confidential client.") { name, type, grants, json };
        command.SetAction(parsed =>
        {
            var clientType = parsed.GetRequiredValue(type) == "confidential" ? ClientType.Confidential : ClientType.Public;
            var created = context.Get<ClientRegistry>().Add(parsed.GetRequiredValue(name), clientType, parsed.GetRequiredValue(grants));
            if (parsed.GetValue(json))
            {
                WriteJson(context, new Dictionary<string, string?> { ["client_id"] = created.Client.Id, ["client_secret"] = created.Secret });
            }
            else
            {
                context.Output.WriteLine($"client_id:     {created.Client.Id}");
                if (created.Secret is not null)
                {
                    context.Output.WriteLine($"client_secret: {created.Secret}");
                    context.Output.WriteLine("The secret is shown only now; only its digest is stored.");
                }
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command List(CliContext context, Option<bool> json)
    {
        var command = new Command("list", "List applications (never their secrets).") { json };
        command.SetAction(parsed =>
        {
            var clients = context.Get<IClientStore>().ListAll();
            if (parsed.GetValue(json))
            {
                WriteJson(context, clients.Select(c => new Dictionary<string, object>
                {
                    ["client_id"] = c.Id,
                    ["name"] = c.Name,
                    ["client_type"] = c.Type.ToString().ToLowerInvariant(),
                    ["grant_types"] = c.GrantTypes,
                    ["created_at"] = c.CreatedAt,
                }));
            }
            else
            {
                foreach (var c in clients)
                {
                    context.Output.WriteLine($"{c.Id}  {c.Type.ToString().ToLowerInvariant(),-12}  {string.Join(',', c.GrantTypes),-22}  {c.Name}");
                }
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var clientId = new Argument<string>("client_id") { Description = "The application to remove." };
        var command = new Command("remove", "Remove an application and revoke its refresh tokens.") { clientId };
        command.SetAction(parsed =>
        {
            var id = parsed.GetRequiredValue(clientId);
            if (!context.Get<ClientRegistry>().Remove(id))
            {
                context.Error.WriteLine($"error: no application has client_id {id}");
                return AdminCommandLine.Failure;
            }

            context.Output.WriteLine($"removed {id}");
            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command RotateSecret(CliContext context, Option<bool> json)
    {
        var clientId = new Argument<string>("client_id") { Description = "A confidential application." };
        var command = new Command("rotate-secret", "Give a confidential application a new secret; the old one stops working at once.") { clientId, json };
        command.SetAction(parsed =>
        {
            var id = parsed.GetRequiredValue(clientId);
            if (context.Get<ClientRegistry>().RotateSecret(id) is not { } secret)
            {
                context.Error.WriteLine($"error: no confidential application has client_id {id}");
                return AdminCommandLine.Failure;
            }

            if (parsed.GetValue(json))
            {
                WriteJson(context, new Dictionary<string, string> { ["client_id"] = id, ["client_secret"] = secret });
            }
            else
            {
                context.Output.WriteLine($"client_secret: {secret}");
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static void WriteJson<T>(CliContext context, T value) =>
        context.Output.WriteLine(JsonSerializer.Serialize(value, Drf.JsonOptions));
}
