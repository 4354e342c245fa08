using Auth.Jwt;

var app = Server.Build(args);
return await Server.RunAsync(app);
