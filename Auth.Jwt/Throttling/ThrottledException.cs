namespace Auth.Jwt.Throttling;

/// <summary>A password check refused by the back-off; answered 429 with Retry-After.</summary>
public sealed class ThrottledException(TimeSpan wait) : Exception("Too many failed password checks.")
{
    public TimeSpan Wait { get; } = wait;
}
