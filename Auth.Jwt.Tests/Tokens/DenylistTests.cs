using System.Collections.Concurrent;
using Auth.Jwt.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Jwt.Tests.Tokens;

/// <summary>
/// The denylist is memory in front of a shared store: a revocation written by another process is
/// refused here after the next background read, within <see cref="DenylistOptions.RefreshSeconds"/>.
/// </summary>
public sealed class DenylistTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly SharedRevocations _store = new();

    private Denylist NewProcess(int refreshSeconds = 2)
    {
        var denylist = new Denylist(_store, Options.Create(new DenylistOptions { RefreshSeconds = refreshSeconds }), _clock, NullLogger<Denylist>.Instance);
        denylist.Load();
        return denylist;
    }

    [Fact]
    public void AnotherProcessesRevocation_IsUnseenUntilTheNextRead_ThenRefused()
    {
        var here = NewProcess();
        var there = NewProcess();

        there.AddFamily("family", _clock.GetUtcNow().AddHours(1));

        here.IsRevoked("family", null).Should().BeFalse("no request reads the store");
        here.RefreshNow();
        here.IsRevoked("family", null).Should().BeTrue();
    }

    [Fact]
    public async Task TheBackgroundRead_PicksItUpWhenTheIntervalHasPassed()
    {
        var here = NewProcess(refreshSeconds: 2);
        var there = NewProcess();
        await here.StartAsync(CancellationToken.None);
        try
        {
            there.AddAccessToken("jti-1", _clock.GetUtcNow().AddHours(1));
            _clock.Advance(TimeSpan.FromSeconds(1));
            here.IsRevoked(null, "jti-1").Should().BeFalse();

            _clock.Advance(TimeSpan.FromSeconds(1));

            SpinWait.SpinUntil(() => here.IsRevoked(null, "jti-1"), TimeSpan.FromSeconds(10)).Should().BeTrue("the 2 s tick read the store");
        }
        finally
        {
            await here.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void AWriterWhoseClockIsBehind_IsStillSeen()
    {
        var here = NewProcess();
        here.RefreshNow();

        // Stamped 20 s before this process's last read: within the overlap every read goes back over.
        _store.Put(new Revocation { Id = "sid:late", ExpiresAt = _clock.GetUtcNow().AddHours(1), RecordedAt = _clock.GetUtcNow().AddSeconds(-20) });
        _clock.Advance(TimeSpan.FromSeconds(2));
        here.RefreshNow();

        here.IsRevoked("late", null).Should().BeTrue();
    }

    [Fact]
    public void ARestartedProcess_LoadsEveryEntryStillInForce()
    {
        NewProcess().AddFamily("kept", _clock.GetUtcNow().AddHours(1));
        NewProcess().AddFamily("spent", _clock.GetUtcNow().AddSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(2));

        var restarted = NewProcess();

        restarted.IsRevoked("kept", null).Should().BeTrue();
        restarted.IsRevoked("spent", null).Should().BeFalse();
    }

    [Fact]
    public void SessionRevoker_PutsTheFamilyOnTheDenylistBeforeDeletingItsTokens()
    {
        var denylist = NewProcess();
        var revoker = new SessionRevoker(new CrashingOnDelete(), denylist, Options.Create(new TokenOptions()), _clock);

        var crash = () => revoker.RevokeFamily("family");

        crash.Should().Throw<IOException>();
        denylist.IsRevoked("family", null).Should().BeTrue("a crash between the two writes leaves the family refused, not alive");
        NewProcess().IsRevoked("family", null).Should().BeTrue("and it is in the store, for every process");
    }

    /// <summary>One store seen by several processes.</summary>
    private sealed class SharedRevocations : IRevocationStore
    {
        private readonly ConcurrentDictionary<string, Revocation> _entries = new();

        public void Put(Revocation revocation) => _entries[revocation.Id] = revocation;

        public IReadOnlyList<Revocation> ListUnexpired(DateTimeOffset now) => [.. _entries.Values.Where(r => r.ExpiresAt > now)];

        public IReadOnlyList<Revocation> ListRecordedSince(DateTimeOffset since) => [.. _entries.Values.Where(r => r.RecordedAt >= since)];

        public int DeleteExpired(DateTimeOffset now) => _entries.Values.Where(r => r.ExpiresAt <= now).Count(r => _entries.TryRemove(r.Id, out _));
    }

    private sealed class CrashingOnDelete : IRefreshTokenStore
    {
        public void Add(RefreshToken token) => throw new NotSupportedException();

        public RefreshToken? FindByDigest(string digest) => null;

        public bool TryRotate(string presentedDigest, RefreshToken successor, DateTimeOffset rotatedAt, string sealedSuccessor) => false;

        public IReadOnlyList<string> FamiliesOfUser(string userId) => [];

        public IReadOnlyList<string> FamiliesOfClient(string clientId) => [];

        public IReadOnlyList<RefreshToken> TokensOfFamily(string familyId) => [];

        public int DeleteFamily(string familyId) => throw new IOException("the process died here");

        public int DeleteExpired(DateTimeOffset now) => 0;
    }
}
