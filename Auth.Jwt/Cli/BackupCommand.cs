using System.CommandLine;
using Auth.Jwt.Cli.Admin;

namespace Auth.Jwt.Cli;

/// <summary><c>backup FILE</c>: a consistent copy of the database, safe while the server runs.</summary>
public static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A new file to write (absolute, or relative to this shell's working directory)." };
        var command = new Command("backup", "Copy the database into a new file, through the running server if there is one.") { file };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Resolved here: the server's working directory is not the caller's.
            var target = Path.GetFullPath(parsed.GetRequiredValue(file));
            var admin = await context.AdminAsync(DataNeed.Existing, cancellationToken);
            return context.Report(
                await admin.BackupAsync(new BackupRequest(target), cancellationToken),
                written => context.Output.WriteLine($"backed up {written.Documents} documents to {written.Path}"));
        });
        return command;
    }
}
