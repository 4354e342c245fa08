using Auth.Jwt.Security;

namespace Auth.Jwt.Clients;

public sealed record CreatedClient(Client Client, string? Secret);

/// <summary>Creates applications the way DOT's admin does; the secret is returned once and only its digest kept.</summary>
public sealed class ClientRegistry(IClientStore clients, Tokens.SessionRevoker sessions, TimeProvider time)
{
    public CreatedClient Add(string name, ClientType type, IEnumerable<string> grantTypes)
    {
        var grants = grantTypes.Distinct(StringComparer.Ordinal).ToList();
        // refresh_token always comes with password: every password login returns a refresh token.
        if (grants.Contains(GrantTypes.Password) && !grants.Contains(GrantTypes.RefreshToken))
        {
            grants.Add(GrantTypes.RefreshToken);
        }

        var secret = type == ClientType.Confidential ? Secrets.NewToken(32) : null;
        var client = new Client
        {
            Id = Secrets.NewToken(24),
            Name = name,
            Type = type,
            SecretDigest = secret is null ? null : Secrets.Digest(secret),
            GrantTypes = grants,
            CreatedAt = time.GetUtcNow(),
        };
        clients.Add(client);
        return new CreatedClient(client, secret);
    }

    /// <summary>Removes the application; its refresh tokens go, and its access tokens die here at once.</summary>
    public bool Remove(string clientId)
    {
        if (!clients.Delete(clientId))
        {
            return false;
        }

        sessions.RevokeClient(clientId);
        return true;
    }

    /// <summary>A new secret for a confidential client; the old one stops working at once.</summary>
    public string? RotateSecret(string clientId)
    {
        if (clients.Find(clientId) is not { Type: ClientType.Confidential })
        {
            return null;
        }

        var secret = Secrets.NewToken(32);
        return clients.ReplaceSecretDigest(clientId, Secrets.Digest(secret)) ? secret : null;
    }
}
