using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

public sealed class StorageOptions
{
    public const string Section = "AuthJwt:Storage";

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
