namespace Auth.Jwt.Clients;

/// <summary>The OAuth applications. Reads and writes only; secrets arrive here already digested.</summary>
public interface IClientStore
{
    void Add(Client client);

    Client? Find(string clientId);

    /// <summary>Every application, oldest first.</summary>
    IReadOnlyList<Client> ListAll();

    bool Delete(string clientId);

    /// <summary>False when no such application exists.</summary>
    bool ReplaceSecretDigest(string clientId, string secretDigest);
}
