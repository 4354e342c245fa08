using Auth.Jwt;
using Auth.Jwt.Cli;
using Auth.Jwt.Storage;

OwnerOnlyFiles.Apply();
var (settings, command) = AppConfiguration.Split(args);
if (command is not ([] or ["serve"]))
{
    return await AdminCommandLine.RunAsync(command, Console.Out, Console.Error, AppConfiguration.ForCommandLine(settings));
}

var app = Server.Build(settings);
return await Server.RunAsync(app);
