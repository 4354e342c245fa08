namespace Auth.Jwt.Tests.Infrastructure;

public static class Names
{
    public const string GoodPassword = "correct horse battery";

    /// <summary>A username no other test uses, so tests can share one app.</summary>
    public static string UniqueUser(string prefix = "user") => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 150)];
}
