using Auth.Jwt.Clients;
using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

internal sealed class PostgresClientStore(PostgresDatabase database) : IClientStore
{
    private const string Columns = "id, name, client_type, secret_digest, grant_types, created_at";

    public void Add(Client client) =>
        database.Execute(
            $"INSERT INTO clients ({Columns}) VALUES (@id, @name, @type, @digest, @grants, @created)",
            ("id", client.Id), ("name", client.Name), ("type", TypeName(client.Type)), ("digest", client.SecretDigest), ("grants", client.GrantTypes.ToArray()), ("created", client.CreatedAt));

    public Client? Find(string clientId) =>
        database.Query($"SELECT {Columns} FROM clients WHERE id = @id", Read, ("id", clientId)).FirstOrDefault();

    public IReadOnlyList<Client> ListAll() => database.Query($"SELECT {Columns} FROM clients ORDER BY created_at, id", Read);

    public bool Delete(string clientId) => database.Execute("DELETE FROM clients WHERE id = @id", ("id", clientId)) == 1;

    public bool ReplaceSecretDigest(string clientId, string secretDigest) =>
        database.Execute("UPDATE clients SET secret_digest = @digest WHERE id = @id", ("id", clientId), ("digest", secretDigest)) == 1;

    private static string TypeName(ClientType type) => type == ClientType.Confidential ? "confidential" : "public";

    private static Client Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0),
        Name = row.GetString(1),
        Type = row.GetString(2) == "confidential" ? ClientType.Confidential : ClientType.Public,
        SecretDigest = row.NullableString(3),
        GrantTypes = [.. row.GetFieldValue<string[]>(4)],
        CreatedAt = row.Time(5),
    };
}
