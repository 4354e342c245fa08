using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>The app on a fake clock starting now (FakeTimeProvider's own default start is the year 2000).</summary>
public sealed class FakeClockApp : AuthJwtApp
{
    public FakeClockApp()
        : this(DateTimeOffset.UtcNow)
    {
    }

    private FakeClockApp(DateTimeOffset start)
        : base(Directory.CreateTempSubdirectory("authjwt-tests-").FullName)
    {
        Time = new FakeTimeProvider(start);
    }

    /// <summary>An app whose clock starts elsewhere, to issue tokens in the past.</summary>
    public static FakeClockApp StartingAt(DateTimeOffset start) => new(start);

    public FakeTimeProvider Clock => Time!;
}
