using System.CommandLine;
using Auth.Jwt.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Cli;

/// <summary>
/// <c>migrate-storage --to postgres</c>: copies the LiteDB file and the <c>keys/</c> folder the current
/// settings name into the empty PostgreSQL database <c>AuthJwt:Storage:ConnectionString</c> names.
/// </summary>
public static class MigrateStorageCommand
{
    public static Command Create(IConfiguration configuration, CliContext context)
    {
        var to = new Option<string>("--to") { Description = "The provider to move to.", Required = true };
        to.AcceptOnlyFromAmong(StorageOptions.Postgres);
        var command = new Command("migrate-storage", "Copy the LiteDB file and keys/ into an empty PostgreSQL database (stop the server first).") { to };
        command.SetAction(_ =>
        {
            using var source = Build(configuration, StorageOptions.LiteDb);
            using var target = Build(configuration, StorageOptions.Postgres);
            var sourceStorage = source.GetRequiredService<IStorage>();
            if (!sourceStorage.Exists)
            {
                context.Error.WriteLine($"error: no LiteDB database at {sourceStorage.Location}; set AuthJwt:Storage:DatabasePath to the file to move");
                return AdminCommandLine.Failure;
            }

            // The file's lock: a running server refuses this, so nothing it writes is left behind.
            sourceStorage.Open();
            target.GetRequiredService<IStorage>().Open();
            var now = TimeProvider.System.GetUtcNow();
            var before = StorageCopy.Count(target, now);
            if (!before.IsEmpty)
            {
                context.Error.WriteLine($"error: {target.GetRequiredService<IStorage>().Location} is not empty ({before}); migrate into an empty database");
                return AdminCommandLine.Failure;
            }

            var from = StorageCopy.Count(source, now);
            StorageCopy.Copy(source, target, now);
            var copied = StorageCopy.Count(target, now);
            context.Output.WriteLine($"from {sourceStorage.Location}: {from}");
            context.Output.WriteLine($"to   {target.GetRequiredService<IStorage>().Location}: {copied}");
            if (copied != from)
            {
                context.Error.WriteLine("error: the counts differ; the target is left as it is for inspection");
                return AdminCommandLine.Failure;
            }

            context.Output.WriteLine($"done; start the service with AuthJwt:Storage:Provider={StorageOptions.Postgres}");
            return AdminCommandLine.Success;
        });
        return command;
    }

    private static ServiceProvider Build(IConfiguration configuration, string provider)
    {
        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.Section}:Provider"] = provider })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddAuthJwt(settings)
            .BuildServiceProvider();
        services.GetService<IStartupValidator>()?.Validate();
        return services;
    }
}
