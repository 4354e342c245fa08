using Auth.Jwt.Clients;

namespace Auth.Jwt.Storage.LiteDb;

internal sealed class LiteDbClientStore(LiteDbDatabase database) : IClientStore
{
    public void Add(Client client) => database.Run(s => s.Clients.Insert(client));

    public Client? Find(string clientId) => database.Run(s => s.Clients.FindById(clientId));

    public IReadOnlyList<Client> ListAll() => database.Run(s => s.Clients.FindAll().OrderBy(c => c.CreatedAt).ToList());

    public bool Delete(string clientId) => database.Run(s => s.Clients.Delete(clientId));

    public bool ReplaceSecretDigest(string clientId, string secretDigest) =>
        database.Run(s => s.Clients.UpdateMany(c => new Client { SecretDigest = secretDigest }, c => c.Id == clientId)) == 1;
}
