using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Keys;
using Auth.Jwt.Tokens;

namespace Auth.Jwt.Storage.Postgres;

public static class PostgresStorage
{
    /// <summary>A PostgreSQL server shared by any number of instances, the signing keys included (sealed).</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<IStorage>(provider => provider.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IClientStore, PostgresClientStore>();
        services.AddSingleton<IRefreshTokenStore, PostgresRefreshTokenStore>();
        services.AddSingleton<IRevocationStore, PostgresRevocationStore>();
        services.AddSingleton<ISealedKeyRecords, PostgresKeyRecords>();
        services.AddSingleton<IKeyStore, EncryptedKeyStore>();
        return services;
    }
}
