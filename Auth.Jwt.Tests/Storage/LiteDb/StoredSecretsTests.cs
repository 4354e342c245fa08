using System.Net;
using System.Text;
using Auth.Jwt.Clients;
using Auth.Jwt.Storage.LiteDb;
using Auth.Jwt.Tests.Infrastructure;
using LiteDB;

namespace Auth.Jwt.Tests.Storage.LiteDb;

/// <summary>What an attacker holding the database file gets: no password, secret or token in the clear.</summary>
public sealed class StoredSecretsTests
{
    [Fact]
    public async Task SignUp_StoredUserDocument_HoldsNoPlaintextPassword()
    {
        const string password = "an unusual passphrase 7391";
        var username = Names.UniqueUser();
        using var app = new AuthJwtApp();
        var response = await app.CreateClient().PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{password}}"}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created);

        var document = app.Service<LiteDbDatabase>().Database.GetCollection("users").FindAll().Single();

        document["PasswordHash"].AsString.Should().StartWith("$argon2id$v=19$m=1024,t=1,p=1$");
        document.ToString().Should().NotContain(password);
        document["Username"].AsString.Should().Be(username);
        AssertFilesDoNotContain(app, password);
    }

    [Fact]
    public async Task FullFlow_DatabaseFiles_HoldNoTokenPasswordOrSecretInTheClear()
    {
        using var app = new AuthJwtApp();
        var http = app.CreateClient();
        var confidential = app.AddClient(ClientType.Confidential);
        const string password = "another unusual passphrase 4417";
        var username = await http.SignUpAsync(password: password);
        var login = await http.LoginAsync(confidential, username, password);
        var refreshed = await (await http.RefreshAsync(confidential, login.RefreshToken)).ShouldBeTokensAsync();

        AssertFilesDoNotContain(app, password, confidential.Secret!, login.AccessToken, login.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken);
        foreach (var collection in new[] { "users", "clients", "refresh_tokens" })
        {
            foreach (var document in app.Service<LiteDbDatabase>().Database.GetCollection(collection).FindAll())
            {
                var text = document.ToString();
                text.Should().NotContain(password).And.NotContain(confidential.Secret!)
                    .And.NotContain(login.RefreshToken).And.NotContain(refreshed.RefreshToken)
                    .And.NotContain(login.AccessToken.Split('.')[1]).And.NotContain(refreshed.AccessToken.Split('.')[1]);
            }
        }
    }

    /// <summary>Checkpoints the log into the data file, then scans every byte of both.</summary>
    private static void AssertFilesDoNotContain(AuthJwtApp app, params string[] secrets)
    {
        var database = app.Service<LiteDbDatabase>();
        database.Database.Checkpoint();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database.FilePath)!, "*.db"))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            foreach (var secret in secrets)
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).Should().Be(-1, "{0} must not hold a secret in the clear", file);
            }
        }
    }
}
