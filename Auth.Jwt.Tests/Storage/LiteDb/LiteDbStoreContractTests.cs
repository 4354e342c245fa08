using Auth.Jwt.Storage;
using Auth.Jwt.Storage.LiteDb;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Storage.LiteDb;

public sealed class LiteDbStoreContractTests : StoreContractTests
{
    private string? _root;

    public override void Dispose()
    {
        base.Dispose();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    protected override void AddProvider(IServiceCollection services)
    {
        _root = Directory.CreateTempSubdirectory("authjwt-contract-").FullName;
        services.Configure<StorageOptions>(o => o.DatabasePath = Path.Combine(_root, "auth.db"));
        services.AddLiteDbStorage();
    }
}
