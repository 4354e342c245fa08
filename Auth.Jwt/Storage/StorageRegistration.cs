using Auth.Jwt.Storage.LiteDb;
using Auth.Jwt.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Storage;

public static class StorageRegistration
{
    /// <summary>The provider <c>AuthJwt:Storage:Provider</c> names; an unknown name fails the start-up validation.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsRules>();
        var provider = configuration[$"{StorageOptions.Section}:Provider"];
        return string.Equals(provider, StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase)
            ? services.AddPostgresStorage()
            : services.AddLiteDbStorage();
    }
}
