using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

public sealed class StorageOptions
{
    public const string Section = "AuthJwt:Storage";

    /// <summary>The LiteDB file; relative paths are under the working directory.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/auth.db";
}

[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
