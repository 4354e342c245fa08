using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

public sealed class StorageOptions
{
    public const string Section = "AuthJwt:Storage";

    public const string LiteDb = "litedb";

    public const string Postgres = "postgres";

    /// <summary><c>litedb</c>: one embedded file, one process. <c>postgres</c>: a database server, any number of instances.</summary>
    public string Provider { get; set; } = LiteDb;

    public const string ProcessDurability = "process";

    public const string PowerDurability = "power";

    /// <summary>
    /// <c>process</c>: an acknowledged write survives a crash of this process (the OS holds it).
    /// <c>power</c>: it is on the disk before the answer, so it survives a power loss too; LiteDB only,
    /// PostgreSQL's durability is the database server's own (<c>synchronous_commit</c>).
    /// </summary>
    public string Durability { get; set; } = ProcessDurability;

    public bool FlushesEachWrite => Durability.Equals(PowerDurability, StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string (Npgsql's keywords), with the <c>postgres</c> provider.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether one process owns the data, so the command line reaches it through that process's admin socket.</summary>
    public bool OwnedByOneProcess => Provider.Equals(LiteDb, StringComparison.OrdinalIgnoreCase);

    /// <summary>The LiteDB file; relative paths are under the working directory.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/auth.db";

    /// <summary>The admin channel's Unix socket; empty: <c>admin.sock</c> beside the database.</summary>
    public string? AdminSocketPath { get; set; }

    public string AdminSocketFullPath => Path.GetFullPath(
        string.IsNullOrEmpty(AdminSocketPath) ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!, "admin.sock") : AdminSocketPath);
}

[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

public sealed class StorageOptionsRules : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.Provider.Equals(StorageOptions.LiteDb, StringComparison.OrdinalIgnoreCase)
            && !options.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"AuthJwt:Storage:Provider is '{options.Provider}'; allowed: {StorageOptions.LiteDb} (default), {StorageOptions.Postgres}.");
        }

        if (!options.Durability.Equals(StorageOptions.ProcessDurability, StringComparison.OrdinalIgnoreCase)
            && !options.FlushesEachWrite)
        {
            return ValidateOptionsResult.Fail($"AuthJwt:Storage:Durability is '{options.Durability}'; allowed: {StorageOptions.ProcessDurability} (default), {StorageOptions.PowerDurability}.");
        }

        if (options.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail("AuthJwt:Storage:ConnectionString is required with the postgres provider (Host=...;Database=...;Username=...;Password=...).");
            }

            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"AuthJwt:Storage:ConnectionString is not a PostgreSQL connection string: {e.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
