using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Throttling;

/// <summary>Brute-force and flood limits (DESIGN.md 10). <see cref="Enabled"/> = false turns every one off, for load tests.</summary>
public sealed class ThrottlingOptions
{
    public const string Section = "AuthJwt:Throttling";

    public bool Enabled { get; set; } = true;

    /// <summary>Failed logins per username (existing or not) free within the window; then back-off.</summary>
    [Range(1, 10_000)]
    public int FreeFailuresPerUsername { get; set; } = 5;

    /// <summary>Failed logins per client IP free within the window; then back-off.</summary>
    [Range(1, 1_000_000)]
    public int FreeFailuresPerIp { get; set; } = 50;

    [Range(1, 24 * 3600)]
    public int FailureWindowSeconds { get; set; } = 900;

    /// <summary>The first back-off; it doubles with every further failure.</summary>
    [Range(1, 3600)]
    public int BackoffInitialSeconds { get; set; } = 1;

    [Range(1, 24 * 3600)]
    public int BackoffMaxSeconds { get; set; } = 900;

    /// <summary>Usernames and IPs tracked at most; bounds memory under a spray of made-up names.</summary>
    [Range(1000, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 100_000;

    [Range(1, 1_000_000)]
    public int SignUpsPerIp { get; set; } = 100;

    [Range(1, 24 * 3600)]
    public int SignUpWindowSeconds { get; set; } = 600;
}

[OptionsValidator]
public sealed partial class ThrottlingOptionsValidator : IValidateOptions<ThrottlingOptions>;
