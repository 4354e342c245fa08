using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Security;
using Auth.Jwt.Storage;
using Auth.Jwt.Tokens;
using Microsoft.Extensions.Options;

namespace Auth.Jwt;

/// <summary>One registration list for the server and the admin command line, so they cannot differ.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddAuthJwt(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<PasswordHashingOptions, PasswordHashingOptionsValidator>(configuration, PasswordHashingOptions.Section);
        services.AddValidatedOptions<KeyOptions, KeyOptionsValidator>(configuration, KeyOptions.Section);
        services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(configuration, TokenOptions.Section);
        services.AddValidatedOptions<PruningOptions, PruningOptionsValidator>(configuration, PruningOptions.Section);
        services.AddValidatedOptions<DenylistOptions, DenylistOptionsValidator>(configuration, DenylistOptions.Section);
        services.AddValidatedOptions<Throttling.ThrottlingOptions, Throttling.ThrottlingOptionsValidator>(configuration, Throttling.ThrottlingOptions.Section);
        services.AddSingleton<Throttling.LoginThrottle>();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsRules>();

        services.AddOptions<Telemetry.MetricsOptions>().Bind(configuration.GetSection(Telemetry.MetricsOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<Telemetry.AuthMetrics>();
        services.AddStorage(configuration);
        services.AddSingleton<HashingGate>();
        services.AddSingleton<Argon2PasswordHasher>();
        services.AddSingleton<AccountsLog>();
        services.AddSingleton<SignUpService>();
        services.AddSingleton<AccountLifecycle>();
        services.AddSingleton<Resources.MeService>();

        services.AddSingleton<ClientRegistry>();
        services.AddSingleton<ClientAuthenticator>();

        services.AddSingleton<SigningKeys>();
        services.AddSingleton<KeyRotation>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<Denylist>();
        services.AddSingleton<SessionRevoker>();
        services.AddSingleton<RefreshTokens>();
        services.AddSingleton<AccessTokenReader>();
        services.AddSingleton<TokenRevoker>();
        services.AddSingleton<TokenIntrospector>();
        services.AddSingleton<Pruning>();
        services.AddSingleton<TokensLog>();
        services.AddSingleton<PasswordGrant>();
        services.AddSingleton<RefreshTokenGrant>();
        services.AddSingleton<Cli.Admin.AdminOperations>();
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new KeyNamingValidator<TOptions>(ActivatorUtilities.CreateInstance<TValidator>(provider), section));
    }

    /// <summary>Prefixes each failure with its section, so the message names the full key to fix.</summary>
    private sealed class KeyNamingValidator<TOptions>(IValidateOptions<TOptions> inner, string section) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = inner.Validate(name, options);
            return result.Failed
                ? ValidateOptionsResult.Fail(result.Failures!.Select(failure => $"{section}:{failure}"))
                : result;
        }
    }
}
