using Auth.Jwt;
using Auth.Jwt.Cli;
using Auth.Jwt.Storage;

OwnerOnlyFiles.Apply();
if (AdminCommandLine.Handles(args))
{
    return await AdminCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var app = Server.Build(args is ["serve", .. var rest] ? rest : args);
return await Server.RunAsync(app);
