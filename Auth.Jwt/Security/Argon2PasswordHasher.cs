using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Security;

public enum PasswordVerification
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>
/// Argon2id password hashes as PHC strings: <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>.
/// The parameters are read back from the stored string, so old hashes keep verifying
/// after the configured cost rises, and report that they need a rehash.
/// </summary>
public sealed class Argon2PasswordHasher(IOptions<PasswordHashingOptions> options, HashingGate gate, Telemetry.AuthMetrics? metrics = null)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int Version = 19;

    private readonly PasswordHashingOptions _options = options.Value;
    private readonly Lazy<string> _dummyHash = new(() => Format(new Argon2Parameters(options.Value.MemoryKiB, options.Value.Iterations, options.Value.Parallelism), RandomNumberGenerator.GetBytes(SaltBytes), RandomNumberGenerator.GetBytes(HashBytes)));

    public Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        var parameters = new Argon2Parameters(_options.MemoryKiB, _options.Iterations, _options.Parallelism);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return gate.RunAsync(() => Format(parameters, salt, Compute(password, salt, parameters, HashBytes)), cancellationToken);
    }

    public async Task<PasswordVerification> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken = default)
    {
        if (!TryParse(storedHash, out var parameters, out var salt, out var expected))
        {
            return PasswordVerification.Failed;
        }

        var matches = await gate.RunAsync(
            () => CryptographicOperations.FixedTimeEquals(Compute(password, salt, parameters, expected.Length), expected),
            cancellationToken).ConfigureAwait(false);

        if (!matches)
        {
            return PasswordVerification.Failed;
        }

        return IsWeakerThanConfigured(parameters, expected.Length)
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Success;
    }

    /// <summary>
    /// Spends the same work as a real verification, for a user that does not exist,
    /// so that timing does not tell an unknown user from a wrong password.
    /// </summary>
    public Task VerifyDummyAsync(string password, CancellationToken cancellationToken = default) =>
        VerifyAsync(password, _dummyHash.Value, cancellationToken);

    private bool IsWeakerThanConfigured(Argon2Parameters stored, int hashLength) =>
        stored.MemoryKiB < _options.MemoryKiB
        || stored.Iterations < _options.Iterations
        || hashLength < HashBytes;

    private byte[] Compute(string password, byte[] salt, Argon2Parameters parameters, int length)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        var hash = argon2.GetBytes(length);
        metrics?.HashTimed(started);
        return hash;
    }

    internal static string Format(Argon2Parameters parameters, byte[] salt, byte[] hash) =>
        string.Create(CultureInfo.InvariantCulture, $"$argon2id$v={Version}$m={parameters.MemoryKiB},t={parameters.Iterations},p={parameters.Parallelism}${ToB64(salt)}${ToB64(hash)}");

    internal static bool TryParse(string phc, out Argon2Parameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = default;
        salt = hash = [];
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != $"v={Version}")
        {
            return false;
        }

        int? m = null, t = null, p = null;
        foreach (var pair in parts[3].Split(','))
        {
            var (key, value) = pair.Split('=') is [var k, var v] ? (k, v) : ("", "");
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return false;
            }

            switch (key)
            {
                case "m": m = number; break;
                case "t": t = number; break;
                case "p": p = number; break;
                default: return false;
            }
        }

        // Bounds keep a corrupted record from asking for gigabytes or hours.
        if (m is not (>= 8 and <= 4 * 1024 * 1024) || t is not (>= 1 and <= 100) || p is not (>= 1 and <= 64)
            || !TryFromB64(parts[4], out salt) || salt.Length < 8
            || !TryFromB64(parts[5], out hash) || hash.Length < 16)
        {
            return false;
        }

        parameters = new Argon2Parameters(m.Value, t.Value, p.Value);
        return true;
    }

    // PHC strings use standard base64 without padding.
    private static string ToB64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromB64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (text.Length % 4 == 1 || !Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}

public readonly record struct Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism);
