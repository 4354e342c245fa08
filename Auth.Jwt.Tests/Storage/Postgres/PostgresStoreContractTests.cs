using Auth.Jwt.Storage;
using Auth.Jwt.Storage.Postgres;
using Auth.Jwt.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Storage.Postgres;

/// <summary>The same contract on a real PostgreSQL server (a fresh schema per test).</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private TestPostgres.IsolatedSchema? _schema;

    public override void Dispose()
    {
        base.Dispose();
        _schema?.Dispose();
    }

    protected override void AddProvider(IServiceCollection services)
    {
        _schema = TestPostgres.NewSchema();
        services.AddLogging();
        services.Configure<StorageOptions>(o =>
        {
            o.Provider = StorageOptions.Postgres;
            o.ConnectionString = _schema.ConnectionString;
        });
        services.AddPostgresStorage();
    }
}
