using Auth.Jwt.Accounts;
using Auth.Jwt.Security;
using Auth.Jwt.Storage;
using Microsoft.Extensions.Options;

namespace Auth.Jwt;

/// <summary>One registration list for the server and the admin command line, so they cannot differ.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddAuthJwt(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<PasswordHashingOptions, PasswordHashingOptionsValidator>(configuration, PasswordHashingOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthDatabase>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<HashingGate>();
        services.AddSingleton<Argon2PasswordHasher>();
        services.AddSingleton<AccountsLog>();
        services.AddSingleton<SignUpService>();
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
