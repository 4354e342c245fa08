using Auth.Jwt.Security;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Tests.Security;

public sealed class Argon2PasswordHasherTests
{
    private static Argon2PasswordHasher Hasher(int memoryKiB = 1024, int iterations = 1)
    {
        var options = Options.Create(new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations });
        return new Argon2PasswordHasher(options, new HashingGate(options));
    }

    [Fact]
    public async Task Hash_ProducesPhcStringWithConfiguredParametersAnd16ByteSalt()
    {
        var hash = await Hasher().HashAsync("correct horse battery");

        hash.Should().MatchRegex(@"^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$");
    }

    [Fact]
    public async Task Hash_DefaultsFollowOwasp()
    {
        var hash = await new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions()), new HashingGate(Options.Create(new PasswordHashingOptions()))).HashAsync("pw");

        hash.Should().StartWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    [Fact]
    public async Task Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        var hasher = Hasher();

        (await hasher.HashAsync("same")).Should().NotBe(await hasher.HashAsync("same"));
    }

    [Fact]
    public async Task Verify_RoundTrip_Succeeds()
    {
        var hasher = Hasher();
        var hash = await hasher.HashAsync("correct horse battery");

        (await hasher.VerifyAsync("correct horse battery", hash)).Should().Be(PasswordVerification.Success);
    }

    [Fact]
    public async Task Verify_WrongPassword_Fails()
    {
        var hasher = Hasher();
        var hash = await hasher.HashAsync("correct horse battery");

        (await hasher.VerifyAsync("correct horse batterY", hash)).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData("tampered hash")]
    [InlineData("tampered salt")]
    [InlineData("lowered cost")]
    public async Task Verify_TamperedHash_Fails(string tampering)
    {
        var hasher = Hasher(iterations: 2);
        var parts = (await hasher.HashAsync("correct horse battery")).Split('$');
        switch (tampering)
        {
            case "tampered hash": parts[5] = Flip(parts[5]); break;
            case "tampered salt": parts[4] = Flip(parts[4]); break;
            default: parts[3] = "m=1024,t=1,p=1"; break;
        }

        (await hasher.VerifyAsync("correct horse battery", string.Join('$', parts))).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=999999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA")]
    public async Task Verify_MalformedStoredHash_FailsWithoutThrowing(string stored)
    {
        (await Hasher().VerifyAsync("anything", stored)).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public async Task Verify_HashWeakerThanConfigured_SignalsRehash()
    {
        var weak = await Hasher(memoryKiB: 1024, iterations: 1).HashAsync("correct horse battery");

        (await Hasher(memoryKiB: 2048, iterations: 1).VerifyAsync("correct horse battery", weak)).Should().Be(PasswordVerification.SuccessRehashNeeded);
        (await Hasher(memoryKiB: 1024, iterations: 2).VerifyAsync("correct horse battery", weak)).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Fact]
    public async Task Verify_HashStrongerThanConfigured_NeedsNoRehash()
    {
        var strong = await Hasher(memoryKiB: 2048, iterations: 2).HashAsync("correct horse battery");

        (await Hasher(memoryKiB: 1024, iterations: 1).VerifyAsync("correct horse battery", strong)).Should().Be(PasswordVerification.Success);
    }

    [Fact]
    public async Task Verify_WrongPasswordAgainstWeakHash_FailsRatherThanSignallingRehash()
    {
        var weak = await Hasher().HashAsync("correct horse battery");

        (await Hasher(memoryKiB: 2048).VerifyAsync("wrong", weak)).Should().Be(PasswordVerification.Failed);
    }

    private static string Flip(string b64) => (b64[0] == 'A' ? 'B' : 'A') + b64[1..];
}
