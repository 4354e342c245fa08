using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Security;

/// <summary>Argon2id cost (OWASP defaults) and the bound on concurrent hashing.</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "AuthJwt:PasswordHashing";

    [Range(1024, 4 * 1024 * 1024)]
    public int MemoryKiB { get; set; } = 19456;

    [Range(1, 100)]
    public int Iterations { get; set; } = 2;

    [Range(1, 64)]
    public int Parallelism { get; set; } = 1;

    /// <summary>Hashes running at once; 0 means the processor count.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentHashes { get; set; }

    /// <summary>Requests that may wait for a hashing slot; past it the answer is 503.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedHashes { get; set; } = 64;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    public int EffectiveConcurrency => MaxConcurrentHashes == 0 ? Environment.ProcessorCount : MaxConcurrentHashes;
}

[OptionsValidator]
public sealed partial class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>;
