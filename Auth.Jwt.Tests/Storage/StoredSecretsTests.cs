using System.Net;
using System.Text;
using Auth.Jwt.Tests.Infrastructure;
using LiteDB;

namespace Auth.Jwt.Tests.Storage;

public sealed class StoredSecretsTests
{
    [Fact]
    public async Task SignUp_StoredUserDocument_HoldsNoPlaintextPassword()
    {
        const string password = "an unusual passphrase 7391";
        var username = Names.UniqueUser();
        using var root = new TempFolder();
        var app = AuthJwtApp.InFolder(root.Path);
        var response = await app.CreateClient().PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{password}}"}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var databasePath = app.DatabasePath;
        await app.DisposeAsync();

        var files = Directory.GetFiles(Path.GetDirectoryName(databasePath)!);
        foreach (var file in files)
        {
            (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)).Should().Be(-1, "{0} must not hold the password", file);
        }

        using var database = new LiteDatabase(new ConnectionString { Filename = databasePath, ReadOnly = true });
        var document = database.GetCollection("users").FindAll().Single();
        document["PasswordHash"].AsString.Should().StartWith("$argon2id$v=19$m=1024,t=1,p=1$");
        document.ToString().Should().NotContain(password);
        document["Username"].AsString.Should().Be(username);
    }
}
