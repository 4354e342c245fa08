using System.Text;
using Auth.Jwt.Security;
using Microsoft.Extensions.Primitives;

namespace Auth.Jwt.Clients;

public abstract record ClientAuthentication
{
    public sealed record Authenticated(Client Client) : ClientAuthentication;

    /// <summary>401 invalid_client: unknown client, no client, missing or wrong secret.</summary>
    public sealed record Failed : ClientAuthentication;

    /// <summary>400 invalid_request: two authentication methods at once (RFC 6749 2.3).</summary>
    public sealed record Ambiguous : ClientAuthentication;
}

/// <summary>
/// RFC 6749 2.3: HTTP Basic with form-urlencoded id and secret, or <c>client_id</c> (+ <c>client_secret</c>)
/// in the form. A secret that is sent is always checked, in constant time against its digest.
/// </summary>
public sealed class ClientAuthenticator(IClientStore clients)
{
    // Compared against when the client is unknown, so both paths do the same work.
    private static readonly string UnknownClientDigest = Secrets.Digest(Secrets.NewToken());

    public ClientAuthentication Authenticate(HttpRequest request, IReadOnlyDictionary<string, StringValues> form)
    {
        var formId = Single(form, "client_id");
        var formSecret = Single(form, "client_secret");
        string? clientId, secret;

        if (TryReadBasic(request, out var basicId, out var basicSecret, out var basicPresent))
        {
            if (formSecret is not null)
            {
                return new ClientAuthentication.Ambiguous();
            }

            if (formId is not null && formId != basicId)
            {
                return new ClientAuthentication.Failed();
            }

            (clientId, secret) = (basicId, basicSecret);
        }
        else if (basicPresent)
        {
            return new ClientAuthentication.Failed();
        }
        else
        {
            (clientId, secret) = (formId, formSecret);
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return new ClientAuthentication.Failed();
        }

        // "id:" in Basic is how many public clients say they have no secret.
        secret = string.IsNullOrEmpty(secret) ? null : secret;

        var client = clients.Find(clientId);
        var secretMatches = secret is not null
            && Secrets.FixedTimeEquals(Secrets.Digest(secret), client?.SecretDigest ?? UnknownClientDigest);

        return client switch
        {
            null => new ClientAuthentication.Failed(),
            { Type: ClientType.Public } when secret is null => new ClientAuthentication.Authenticated(client),
            { Type: ClientType.Confidential } when secretMatches => new ClientAuthentication.Authenticated(client),
            _ => new ClientAuthentication.Failed(),
        };
    }

    private static string? Single(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>Reads <c>Authorization: Basic</c>; <paramref name="present"/> says a Basic header was sent at all.</summary>
    private static bool TryReadBasic(HttpRequest request, out string id, out string secret, out bool present)
    {
        id = secret = "";
        present = false;
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        present = true;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
        id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return true;
    }
}
