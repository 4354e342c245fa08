using Auth.Jwt.Tokens;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Keys;

public sealed record KeyStatus(string Kid, KeyState State, KeyMetadata Metadata, DateTimeOffset? RemovableAt);

/// <summary>
/// <c>keys list|rotate|retire|remove</c>: changes to the folder's schedules. Servers reading the folder
/// follow them without a restart (DESIGN.md 5).
/// </summary>
public sealed class KeyRotation(IKeyStore store, IOptions<KeyOptions> options, IOptions<TokenOptions> tokens, TimeProvider time)
{
    private readonly TimeSpan _tokenLifetime = tokens.Value.AccessTokenLifetime + tokens.Value.ClockSkew;

    public bool StoreExists => store.Exists;

    public string Location => store.Location;

    public IReadOnlyList<KeyStatus> List()
    {
        var now = time.GetUtcNow();
        var files = store.List();
        var signer = KeySchedule.Signer(files, f => f.Metadata, now);
        return [.. files
            .OrderBy(f => f.Metadata.ActivatesAt)
            .ThenBy(f => f.Metadata.CreatedAt)
            .Select(f => new KeyStatus(f.Kid, KeySchedule.StateOf(f.Metadata, f == signer, now, _tokenLifetime), f.Metadata, f.Metadata.RetiredAt + _tokenLifetime))];
    }

    /// <summary>
    /// A new key, published at once and signing after the activation delay (or at once); the key signing
    /// now retires when the new one takes over, and stays valid until its last token expires.
    /// </summary>
    public KeyEntry Rotate(bool now)
    {
        var at = time.GetUtcNow();
        var activatesAt = now ? at : at + options.Value.ActivationDelay;
        var files = store.List();
        var current = KeySchedule.Signer(files, f => f.Metadata, at);
        var (kid, pem) = KeyMaterial.Generate(options.Value.KeySize);
        var created = new KeyEntry(kid, new KeyMetadata(at, activatesAt, null));
        store.Add(kid, pem, created.Metadata);
        // The key signing now, and any key still waiting to sign, hand over to the new one when it activates;
        // otherwise a key rotated in earlier would stay published forever.
        foreach (var key in files.Where(f => f == current || f.Metadata.ActivatesAt > at))
        {
            if (key.Metadata.RetiredAt is null || key.Metadata.RetiredAt > activatesAt)
            {
                store.WriteMetadata(key.Kid, key.Metadata with { RetiredAt = activatesAt });
            }
        }

        return created;
    }

    /// <summary>Stops a key signing now; it keeps validating until its tokens have expired.</summary>
    public string? Retire(string kid)
    {
        var at = time.GetUtcNow();
        var files = store.List();
        var key = files.FirstOrDefault(f => f.Kid == kid);
        if (key is null)
        {
            return $"no key has kid {kid}";
        }

        if (key.Metadata.RetiredAt is { } retired && retired <= at)
        {
            return null;
        }

        var retiredKey = key with { Metadata = key.Metadata with { RetiredAt = at } };
        var remaining = files.Select(f => f.Kid == kid ? retiredKey : f).ToList();
        // Some key must sign now and at every future change of the schedule (retiring a pending key
        // whose predecessor hands over to it would leave nobody signing at the hand-over).
        var changes = remaining.SelectMany(f => new[] { f.Metadata.ActivatesAt, f.Metadata.RetiredAt ?? DateTimeOffset.MinValue }).Where(t => t > at);
        if (changes.Prepend(at).Any(moment => KeySchedule.Signer(remaining, f => f.Metadata, moment) is null))
        {
            return $"retiring {kid} would leave no key to sign; run 'keys rotate --now' first";
        }

        store.WriteMetadata(kid, retiredKey.Metadata);
        return null;
    }

    /// <summary>Deletes a key whose tokens have all expired; <paramref name="force"/> deletes one still validating.</summary>
    public string? Remove(string kid, bool force)
    {
        var status = List().FirstOrDefault(k => k.Kid == kid);
        if (status is null)
        {
            return $"no key has kid {kid}";
        }

        if (status.State == KeyState.Signing)
        {
            return $"{kid} is the signing key; rotate and retire it first";
        }

        if (status.State != KeyState.Expired && !force)
        {
            return status.RemovableAt is { } removable
                ? $"{kid} may still have valid tokens until {removable:u}; wait, or pass --force to invalidate them now"
                : $"{kid} is not retired; retire it first, or pass --force to invalidate its tokens now";
        }

        store.Delete(kid);
        return null;
    }
}
