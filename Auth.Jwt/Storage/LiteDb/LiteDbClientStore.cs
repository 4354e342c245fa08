using Auth.Jwt.Clients;

namespace Auth.Jwt.Storage.LiteDb;

internal sealed class LiteDbClientStore(LiteDbDatabase database) : IClientStore
{
    public void Add(Client client) => database.Clients.Insert(client);

    public Client? Find(string clientId) => database.Clients.FindById(clientId);

    public IReadOnlyList<Client> ListAll() => [.. database.Clients.FindAll().OrderBy(c => c.CreatedAt)];

    public bool Delete(string clientId) => database.Clients.Delete(clientId);

    public bool ReplaceSecretDigest(string clientId, string secretDigest) =>
        database.Clients.UpdateMany(c => new Client { SecretDigest = secretDigest }, c => c.Id == clientId) == 1;
}
