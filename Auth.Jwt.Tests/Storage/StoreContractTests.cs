using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;
using Auth.Jwt.Storage;
using Auth.Jwt.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Jwt.Tests.Storage;

/// <summary>
/// What every storage provider must do, whatever its database: the services' rules rely on exactly
/// this. A provider's test class derives from it and says only how to build a fresh, empty store.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly Lock _building = new();
    private ServiceProvider? _services;

    private IUserStore Users => Services.GetRequiredService<IUserStore>();

    private IClientStore Clients => Services.GetRequiredService<IClientStore>();

    private IRefreshTokenStore Tokens => Services.GetRequiredService<IRefreshTokenStore>();

    private IRevocationStore Revocations => Services.GetRequiredService<IRevocationStore>();

    // Built on first use, inside the test, so a provider whose server is missing can skip it.
    private ServiceProvider Services
    {
        get
        {
            lock (_building)
            {
                if (_services is null)
                {
                    var services = new ServiceCollection();
                    services.AddSingleton(TimeProvider.System);
                    AddProvider(services);
                    var built = services.BuildServiceProvider();
                    built.GetRequiredService<IStorage>().Open();
                    _services = built;
                }

                return _services;
            }
        }
    }

    public virtual void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Registers the provider (its options included) on a fresh, empty database; may skip the test.</summary>
    protected abstract void AddProvider(IServiceCollection services);

    [SkippableFact]
    public void Users_TryAdd_ATakenNormalizedName_IsRefused()
    {
        Users.TryAdd(NewUser("alice")).Should().BeTrue();

        Users.TryAdd(NewUser("alice")).Should().BeFalse();
        Users.ListAll().Should().ContainSingle();
    }

    [SkippableFact]
    public async Task Users_TryAdd_RacingForOneName_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Users.TryAdd(NewUser("racer")))));

        results.Count(added => added).Should().Be(1);
        Users.ListAll().Should().ContainSingle();
    }

    [SkippableFact]
    public void Users_ReadBack_KeepEveryField()
    {
        var user = NewUser("bob");
        Users.TryAdd(user);

        var found = Users.FindByNormalizedUsername("bob")!;

        found.Should().BeEquivalentTo(user, o => o.Using<DateTimeOffset>(d => d.Subject.Should().BeCloseTo(d.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        Users.FindById(user.Id)!.Username.Should().Be("bob");
        Users.FindById("nobody").Should().BeNull();
    }

    [SkippableFact]
    public void Users_TryReplacePasswordHash_OnlyOverTheExpectedHash()
    {
        var user = NewUser("carol");
        Users.TryAdd(user);

        Users.TryReplacePasswordHash(user.Id, "not-the-current-hash", "new").Should().BeFalse();
        Users.FindById(user.Id)!.PasswordHash.Should().Be(user.PasswordHash);

        Users.TryReplacePasswordHash(user.Id, user.PasswordHash, "new").Should().BeTrue();
        Users.FindById(user.Id)!.PasswordHash.Should().Be("new");
        Users.TryReplacePasswordHash(user.Id, user.PasswordHash, "newer").Should().BeFalse("the hash it expected is gone");
    }

    [SkippableFact]
    public void Users_ListAll_OldestFirst_AndDelete()
    {
        var first = NewUser("first", Now.AddDays(-2));
        var second = NewUser("second", Now.AddDays(-1));
        Users.TryAdd(second);
        Users.TryAdd(first);

        Users.ListAll().Select(u => u.Username).Should().Equal("first", "second");
        Users.Delete(first.Id).Should().BeTrue();
        Users.Delete(first.Id).Should().BeFalse();
        Users.ListAll().Select(u => u.Username).Should().Equal("second");
    }

    [SkippableFact]
    public void Clients_AddFindListDelete_AndReplaceSecretDigest()
    {
        var older = NewClient("older", Now.AddDays(-1));
        var newer = NewClient("newer", Now);
        Clients.Add(newer);
        Clients.Add(older);

        Clients.ListAll().Select(c => c.Name).Should().Equal("older", "newer");
        Clients.Find(older.Id)!.GrantTypes.Should().Equal(GrantTypes.Password);
        Clients.ReplaceSecretDigest(older.Id, "digest-2").Should().BeTrue();
        Clients.Find(older.Id)!.SecretDigest.Should().Be("digest-2");
        Clients.ReplaceSecretDigest("unknown", "x").Should().BeFalse();
        Clients.Delete(older.Id).Should().BeTrue();
        Clients.Find(older.Id).Should().BeNull();
    }

    [SkippableFact]
    public void Tokens_TryRotate_OnceOnly_AndTheSuccessorIsStored()
    {
        var token = NewToken("family");
        Tokens.Add(token);
        var successor = NewToken("family");

        Tokens.TryRotate(token.Id, successor, Now, "sealed").Should().BeTrue();
        Tokens.TryRotate(token.Id, NewToken("family"), Now, "sealed-again").Should().BeFalse();

        var rotated = Tokens.FindByDigest(token.Id)!;
        rotated.SuccessorDigest.Should().Be(successor.Id);
        rotated.SealedSuccessor.Should().Be("sealed");
        rotated.RotatedAt.Should().BeCloseTo(Now, TimeSpan.FromMilliseconds(1));
        Tokens.FindByDigest(successor.Id).Should().NotBeNull();
    }

    [SkippableFact]
    public void Tokens_Add_KeepsARotatedTokensSuccessor()
    {
        var rotated = NewToken("family");
        rotated.SuccessorDigest = "next";
        rotated.RotatedAt = Now;
        rotated.SealedSuccessor = "sealed";

        Tokens.Add(rotated);

        var found = Tokens.FindByDigest(rotated.Id)!;
        found.SuccessorDigest.Should().Be("next");
        found.SealedSuccessor.Should().Be("sealed");
        found.RotatedAt.Should().BeCloseTo(Now, TimeSpan.FromMilliseconds(1));
    }

    [SkippableFact]
    public async Task Tokens_TryRotate_RacingForOneToken_ExactlyOneWins()
    {
        var token = NewToken("family");
        Tokens.Add(token);
        var successors = Enumerable.Range(0, 16).Select(_ => NewToken("family")).ToList();

        var results = await Task.WhenAll(successors.Select(s => Task.Run(() => Tokens.TryRotate(token.Id, s, Now, "sealed"))));

        results.Count(won => won).Should().Be(1);
        successors.Count(s => Tokens.FindByDigest(s.Id) is not null).Should().Be(1, "only the winner's successor exists");
        Tokens.FindByDigest(token.Id)!.SuccessorDigest.Should().Be(successors[Array.IndexOf(results, true)].Id);
    }

    [SkippableFact]
    public void Tokens_TryRotate_AfterTheFamilyIsDeleted_AddsNothing()
    {
        var token = NewToken("family");
        Tokens.Add(token);
        Tokens.DeleteFamily("family").Should().Be(1);
        var successor = NewToken("family");

        Tokens.TryRotate(token.Id, successor, Now, "sealed").Should().BeFalse();
        Tokens.FindByDigest(successor.Id).Should().BeNull();
    }

    [SkippableFact]
    public void Tokens_FamiliesOfUserAndOfClient_AreDistinct()
    {
        Tokens.Add(NewToken("f1", user: "u1", client: "c1"));
        Tokens.Add(NewToken("f1", user: "u1", client: "c1"));
        Tokens.Add(NewToken("f2", user: "u1", client: "c2"));
        Tokens.Add(NewToken("f3", user: "u2", client: "c1"));

        Tokens.FamiliesOfUser("u1").Should().BeEquivalentTo(["f1", "f2"]);
        Tokens.FamiliesOfClient("c1").Should().BeEquivalentTo(["f1", "f3"]);
        Tokens.FamiliesOfUser("nobody").Should().BeEmpty();
    }

    [SkippableFact]
    public void Tokens_DeleteFamily_RemovesEveryTokenOfItAndNoOther()
    {
        var kept = NewToken("other");
        Tokens.Add(NewToken("doomed"));
        Tokens.Add(NewToken("doomed"));
        Tokens.Add(kept);

        Tokens.TokensOfFamily("doomed").Should().HaveCount(2);
        Tokens.DeleteFamily("doomed").Should().Be(2);
        Tokens.TokensOfFamily("doomed").Should().BeEmpty();
        Tokens.FamiliesOfUser("user").Should().Equal("other");
        Tokens.FindByDigest(kept.Id).Should().NotBeNull();
    }

    [SkippableFact]
    public void Tokens_DeleteExpired_RemovesOnlyThePast()
    {
        var expired = NewToken("f", expiresAt: Now.AddSeconds(-1));
        var live = NewToken("f", expiresAt: Now.AddSeconds(1));
        Tokens.Add(expired);
        Tokens.Add(live);

        Tokens.DeleteExpired(Now).Should().Be(1);
        Tokens.FindByDigest(expired.Id).Should().BeNull();
        Tokens.FindByDigest(live.Id).Should().NotBeNull();
    }

    [SkippableFact]
    public void Revocations_Put_ReplacesByIdAndListsTheUnexpired()
    {
        Revocations.Put(new Revocation { Id = "sid:a", ExpiresAt = Now.AddMinutes(1), RecordedAt = Now });
        Revocations.Put(new Revocation { Id = "sid:a", ExpiresAt = Now.AddMinutes(5), RecordedAt = Now.AddSeconds(1) });
        Revocations.Put(new Revocation { Id = "jti:gone", ExpiresAt = Now.AddSeconds(-1), RecordedAt = Now });

        var unexpired = Revocations.ListUnexpired(Now);

        unexpired.Should().ContainSingle().Which.ExpiresAt.Should().BeCloseTo(Now.AddMinutes(5), TimeSpan.FromMilliseconds(1));
    }

    [SkippableFact]
    public void Revocations_ListRecordedSince_IsWhatOthersWroteSinceThen_AndDeleteExpired()
    {
        Revocations.Put(new Revocation { Id = "sid:old", ExpiresAt = Now.AddMinutes(1), RecordedAt = Now.AddSeconds(-10) });
        Revocations.Put(new Revocation { Id = "sid:new", ExpiresAt = Now.AddMinutes(1), RecordedAt = Now });
        Revocations.Put(new Revocation { Id = "sid:spent", ExpiresAt = Now.AddSeconds(-1), RecordedAt = Now });

        Revocations.ListRecordedSince(Now).Select(r => r.Id).Should().BeEquivalentTo(["sid:new", "sid:spent"]);
        Revocations.DeleteExpired(Now).Should().Be(1);
        Revocations.ListRecordedSince(Now.AddMinutes(-1)).Select(r => r.Id).Should().BeEquivalentTo(["sid:old", "sid:new"]);
    }

    private static User NewUser(string name, DateTimeOffset? joined = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Username = name,
        NormalizedUsername = name,
        PasswordHash = "$argon2id$" + Guid.NewGuid().ToString("N"),
        DateJoined = joined ?? Now,
    };

    private static Client NewClient(string name, DateTimeOffset created) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Name = name,
        Type = ClientType.Confidential,
        SecretDigest = "digest-1",
        GrantTypes = [GrantTypes.Password],
        CreatedAt = created,
    };

    private static RefreshToken NewToken(string family, string user = "user", string client = "client", DateTimeOffset? expiresAt = null) => new()
    {
        Id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        FamilyId = family,
        UserId = user,
        ClientId = client,
        Scope = "read write",
        IssuedAt = Now,
        ExpiresAt = expiresAt ?? Now.AddDays(30),
    };
}
