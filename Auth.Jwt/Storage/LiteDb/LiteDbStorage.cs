using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Tokens;

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
        return services;
    }
}
