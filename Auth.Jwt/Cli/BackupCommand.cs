using System.CommandLine;
using Auth.Jwt.Storage;

namespace Auth.Jwt.Cli;

/// <summary><c>backup FILE</c>: a consistent copy of the database, safe while the server runs.</summary>
public static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A new file to write (absolute, or relative to the server's working directory)." };
        var command = new Command("backup", "Copy the database into a new file, through the running server if there is one.") { file };
        command.SetAction(parsed =>
        {
            var target = Path.GetFullPath(parsed.GetRequiredValue(file));
            var documents = context.Get<IStorage>().BackupTo(target);
            context.Output.WriteLine($"backed up {documents} documents to {target}");
            return AdminCommandLine.Success;
        });
        return command;
    }
}
