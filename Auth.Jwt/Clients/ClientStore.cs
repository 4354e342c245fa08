using Auth.Jwt.Storage;
using LiteDB;

namespace Auth.Jwt.Clients;

public sealed class ClientStore(AuthDatabase database)
{
    private readonly ILiteCollection<Client> _clients = database.Collection<Client>("clients");

    public void Insert(Client client) => _clients.Insert(client);

    public Client? Find(string clientId) => _clients.FindById(clientId);

    public IReadOnlyList<Client> All() => [.. _clients.FindAll().OrderBy(c => c.CreatedAt)];

    public bool Delete(string clientId) => _clients.Delete(clientId);

    public bool Update(Client client) => _clients.Update(client);
}
