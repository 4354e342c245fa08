using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tokens;

public sealed class TokenOptions
{
    public const string Section = "AuthJwt:Tokens";

    /// <summary>The <c>iss</c> of every token and the base of the metadata URLs.</summary>
    [Required]
    public string Issuer { get; set; } = "http://localhost:8000";

    /// <summary>The <c>aud</c> of every access token: the APIs that accept them.</summary>
    [Required]
    public string Audience { get; set; } = "api";

    [Range(60, 7 * 24 * 3600)]
    public int AccessTokenLifetimeSeconds { get; set; } = 36000;

    /// <summary>Counted from the last rotation.</summary>
    [Range(300, 400 * 24 * 3600)]
    public int RefreshTokenLifetimeSeconds { get; set; } = 30 * 24 * 3600;

    /// <summary>How long the predecessor of the current refresh token may be replayed (lost responses, two tabs); 0 disables.</summary>
    [Range(0, 300)]
    public int RefreshGraceSeconds { get; set; } = 10;

    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Space-separated; all of them are the default scope.</summary>
    [Required]
    [RegularExpression(@"^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$")]
    public string Scopes { get; set; } = "read write groups";

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(AccessTokenLifetimeSeconds);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromSeconds(RefreshTokenLifetimeSeconds);

    public TimeSpan RefreshGrace => TimeSpan.FromSeconds(RefreshGraceSeconds);

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ');
}

[OptionsValidator]
public sealed partial class TokenOptionsValidator : IValidateOptions<TokenOptions>;

/// <summary>Rules across fields.</summary>
public sealed class TokenOptionsRules : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
        {
            return ValidateOptionsResult.Fail("AuthJwt:Tokens:Issuer must be an absolute http(s) URL.");
        }

        return options.RefreshTokenLifetimeSeconds <= options.AccessTokenLifetimeSeconds
            ? ValidateOptionsResult.Fail("AuthJwt:Tokens:RefreshTokenLifetimeSeconds must be longer than AuthJwt:Tokens:AccessTokenLifetimeSeconds.")
            : ValidateOptionsResult.Success;
    }
}
