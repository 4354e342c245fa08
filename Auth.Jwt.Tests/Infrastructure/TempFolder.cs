namespace Auth.Jwt.Tests.Infrastructure;

/// <summary>A temporary folder that outlives an app, for tests that read its files after it stops.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("authjwt-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
