using Auth.Jwt.Accounts;
using Auth.Jwt.Security;

namespace Auth.Jwt.Throttling;

/// <summary>
/// How the audit log names an attempted username: a short digest of its normalised form, so attempts on
/// one name can be correlated without writing what may be a mistyped password into the log.
/// </summary>
public static class AuditName
{
    public static string Of(string username) => Secrets.Digest("audit:" + UsernameRules.Normalize(username))[..16];
}
