using Auth.Jwt.Storage;
using Auth.Jwt.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tests.Storage.LiteDb;

public sealed class LiteDbDatabaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("authjwt-db-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LiteDbDatabase Open()
    {
        var database = new LiteDbDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_root, "data", "auth.db") }), TimeProvider.System);
        try
        {
            database.Open();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    [Fact]
    public void Constructing_TouchesNoFile_OpeningDoes()
    {
        using var database = new LiteDbDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_root, "data", "auth.db") }), TimeProvider.System);

        Directory.Exists(Path.Combine(_root, "data")).Should().BeFalse("no I/O before the start step");
        database.Exists.Should().BeFalse();

        database.Open();
        database.Exists.Should().BeTrue();
    }

    [Fact]
    public void Open_CreatesTheFileInAFolderOnlyItsOwnerCanEnter()
    {
        using var database = Open();

        File.Exists(database.FilePath).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.GetDirectoryName(database.FilePath)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Open_WithTheServicesUmask_CreatesTheDatabaseFilesOwnerOnly()
    {
        OwnerOnlyFiles.Apply();
        using var database = Open();
        database.Database.GetCollection("probe").Insert(new LiteDB.BsonDocument { ["x"] = 1 });

        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database.FilePath)!))
            {
                (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)).Should().Be(UnixFileMode.None, file);
            }
        }
    }

    [Fact]
    public void Open_WhileAnotherOpenerHoldsTheFile_FailsCleanlyInsteadOfSharingIt()
    {
        using var first = Open();

        var second = Open;

        second.Should().Throw<DatabaseInUseException>().WithMessage("*is in use by another Auth.Jwt process*");
    }

    [Fact]
    public void Open_AfterTheFirstOpenerClosed_Succeeds()
    {
        Open().Dispose();

        using var again = Open();
        again.Database.Should().NotBeNull();
    }
}
