using System.CommandLine;
using Auth.Jwt.Cli.Admin;
using Auth.Jwt.Clients;

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
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.MayCreate, cancellationToken);
            var request = new AddAppRequest(parsed.GetRequiredValue(name), parsed.GetRequiredValue(type), parsed.GetRequiredValue(grants));
            return context.Report(await admin.AddAppAsync(request, cancellationToken), created =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(created);
                    return;
                }

                context.Output.WriteLine($"client_id:     {created.ClientId}");
                if (created.ClientSecret is not null)
                {
                    context.Output.WriteLine($"client_secret: {created.ClientSecret}");
                    context.Output.WriteLine("The secret is shown only now; only its digest is stored.");
                }
            });
        });
        return command;
    }

    private static Command List(CliContext context, Option<bool> json)
    {
        var command = new Command("list", "List applications (never their secrets).") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.ListAppsAsync(cancellationToken), apps =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(apps);
                    return;
                }

                foreach (var app in apps)
                {
                    context.Output.WriteLine($"{app.ClientId}  {app.ClientType,-12}  {string.Join(',', app.GrantTypes),-22}  {app.Name}");
                }
            });
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var clientId = new Argument<string>("client_id") { Description = "The application to remove." };
        var command = new Command("remove", "Remove an application and revoke its refresh tokens.") { clientId };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.RemoveAppAsync(parsed.GetRequiredValue(clientId), cancellationToken), context.WriteDone);
        });
        return command;
    }

    private static Command RotateSecret(CliContext context, Option<bool> json)
    {
        var clientId = new Argument<string>("client_id") { Description = "A confidential application." };
        var command = new Command("rotate-secret", "Give a confidential application a new secret; the old one stops working at once.") { clientId, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(await admin.RotateAppSecretAsync(parsed.GetRequiredValue(clientId), cancellationToken), rotated =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(rotated);
                }
                else
                {
                    context.Output.WriteLine($"client_secret: {rotated.ClientSecret}");
                }
            });
        });
        return command;
    }
}
