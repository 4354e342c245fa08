using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>The app on a fake clock starting now (FakeTimeProvider's own default start is the year 2000).</summary>
public sealed class FakeClockApp : AuthJwtApp
{
    public FakeClockApp()
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    public FakeTimeProvider Clock => Time!;
}
