using System.CommandLine;
using System.Text.Json;
using Auth.Jwt.Http;
using Auth.Jwt.Keys;

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
        command.SetAction(parsed =>
        {
            var keys = context.Get<KeyRotation>().List();
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(keys.Select(k => new Dictionary<string, object?>
                {
                    ["kid"] = k.Kid,
                    ["state"] = k.State.ToString().ToLowerInvariant(),
                    ["created_at"] = k.Metadata.CreatedAt,
                    ["activates_at"] = k.Metadata.ActivatesAt == DateTimeOffset.MinValue ? null : k.Metadata.ActivatesAt,
                    ["retired_at"] = k.Metadata.RetiredAt,
                    ["removable_at"] = k.RemovableAt,
                }), Drf.JsonOptions));
                return AdminCommandLine.Success;
            }

            foreach (var k in keys)
            {
                var detail = k.State switch
                {
                    KeyState.Pending => $"signs from {k.Metadata.ActivatesAt:u}",
                    KeyState.Signing when k.Metadata.RetiredAt is { } retires => $"hands over at {retires:u}",
                    KeyState.Validating when k.RemovableAt is { } removable => $"removable after {removable:u}",
                    KeyState.Expired => "no valid tokens left; safe to remove",
                    _ => "",
                };
                context.Output.WriteLine($"{k.Kid}  {k.State.ToString().ToLowerInvariant(),-10}  {detail}");
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command Rotate(CliContext context, Option<bool> json)
    {
        var now = new Option<bool>("--now") { Description = "Sign with the new key at once, skipping the activation delay (caches of the JWKS may not know it yet)." };
        var command = new Command("rotate", "Generate a new key; it is published at once and signs after the activation delay.") { now, json };
        command.SetAction(parsed =>
        {
            var created = context.Get<KeyRotation>().Rotate(parsed.GetValue(now));
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["kid"] = created.Kid, ["activates_at"] = created.Metadata.ActivatesAt }, Drf.JsonOptions));
            }
            else
            {
                context.Output.WriteLine($"new key {created.Kid} signs from {created.Metadata.ActivatesAt:u}");
            }

            return AdminCommandLine.Success;
        });
        return command;
    }

    private static Command Retire(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "The key to stop signing with." };
        var command = new Command("retire", "Stop signing with a key; it stays published and valid until its tokens have expired.") { kid };
        command.SetAction(parsed => Report(context, context.Get<KeyRotation>().Retire(parsed.GetRequiredValue(kid)), $"retired {parsed.GetRequiredValue(kid)}"));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "A key with no valid tokens left." };
        var force = new Option<bool>("--force") { Description = "Remove a key that may still have valid tokens; they stop validating at once." };
        var command = new Command("remove", "Delete a retired key once every token it signed has expired.") { kid, force };
        command.SetAction(parsed => Report(context, context.Get<KeyRotation>().Remove(parsed.GetRequiredValue(kid), parsed.GetValue(force)), $"removed {parsed.GetRequiredValue(kid)}"));
        return command;
    }

    private static int Report(CliContext context, string? error, string done)
    {
        if (error is not null)
        {
            context.Error.WriteLine($"error: {error}");
            return AdminCommandLine.Failure;
        }

        context.Output.WriteLine(done);
        return AdminCommandLine.Success;
    }
}
