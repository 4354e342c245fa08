using System.CommandLine;

namespace Auth.Jwt.Cli;

/// <summary><c>keys list|rotate|retire|remove</c>: the signing keys in <c>keys/</c>. Running servers follow the folder.</summary>
public static class KeysCommands
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts." };
        return new Command("keys", "Manage the signing keys (JWKS) in the keys folder.")
        {
            List(context, json),
            Rotate(context, json),
            Retire(context),
            Remove(context),
        };
    }

    private static Command List(CliContext context, Option<bool> json)
    {
        var command = new Command("list", "List keys: which signs, which are pending or still validating, which can be removed.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.KeysFolderOnly, cancellationToken);
            return context.Report(await admin.ListKeysAsync(cancellationToken), keys =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(keys);
                    return;
                }

                foreach (var k in keys)
                {
                    var detail = k.State switch
                    {
                        "pending" => $"signs from {k.ActivatesAt:u}",
                        "signing" when k.RetiredAt is { } retires => $"hands over at {retires:u}",
                        "validating" when k.RemovableAt is { } removable => $"removable after {removable:u}",
                        "expired" => "no valid tokens left; safe to remove",
                        _ => "",
                    };
                    context.Output.WriteLine($"{k.Kid}  {k.State,-10}  {detail}");
                }
            });
        });
        return command;
    }

    private static Command Rotate(CliContext context, Option<bool> json)
    {
        var now = new Option<bool>("--now") { Description = "Sign with the new key at once, skipping the activation delay (caches of the JWKS may not know it yet)." };
        var command = new Command("rotate", "Generate a new key; it is published at once and signs after the activation delay.") { now, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.KeysFolderOnly, cancellationToken);
            return context.Report(await admin.RotateKeyAsync(parsed.GetValue(now), cancellationToken), created =>
            {
                if (parsed.GetValue(json))
                {
                    context.WriteJson(created);
                }
                else
                {
                    context.Output.WriteLine($"new key {created.Kid} signs from {created.ActivatesAt:u}");
                }
            });
        });
        return command;
    }

    private static Command Retire(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "The key to stop signing with." };
        var command = new Command("retire", "Stop signing with a key; it stays published and valid until its tokens have expired.") { kid };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.KeysFolderOnly, cancellationToken);
            return context.Report(await admin.RetireKeyAsync(parsed.GetRequiredValue(kid), cancellationToken), context.WriteDone);
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "A key with no valid tokens left." };
        var force = new Option<bool>("--force") { Description = "Remove a key that may still have valid tokens; they stop validating at once." };
        var command = new Command("remove", "Delete a retired key once every token it signed has expired.") { kid, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var admin = await context.AdminAsync(DataNeed.KeysFolderOnly, cancellationToken);
            return context.Report(await admin.RemoveKeyAsync(parsed.GetRequiredValue(kid), parsed.GetValue(force), cancellationToken), context.WriteDone);
        });
        return command;
    }
}
