using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Tokens;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage.LiteDb;

public static class LiteDbStorage
{
    /// <summary>The embedded provider: one file, owned by one process at a time (DESIGN.md 8).</summary>
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddSingleton<LiteDbDatabase>();
        services.AddSingleton<IStorage>(provider => provider.GetRequiredService<LiteDbDatabase>());
        services.AddSingleton<IUserStore, LiteDbUserStore>();
        services.AddSingleton<IClientStore, LiteDbClientStore>();
        services.AddSingleton<IRefreshTokenStore, LiteDbRefreshTokenStore>();
        services.AddSingleton<IRevocationStore, LiteDbRevocationStore>();
        // Beside an embedded database, the keys are files: PEM, 0600, in a 0700 folder.
        services.AddSingleton<IKeyStore>(provider => new KeyFolder(provider.GetRequiredService<IOptions<KeyOptions>>().Value.Path));
        return services;
    }
}
