using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Keys;

/// <summary>
/// The keys of <c>keys/</c>: exactly one signs, every one validates. Loaded once at start;
/// when the folder has no key, the first start generates one (RSA, PKCS#8 PEM, mode 0600).
/// </summary>
public sealed partial class SigningKeys : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly ILogger _logger;
    private readonly IReadOnlyList<SigningKey> _keys;

    public SigningKeys(IOptions<KeyOptions> options, ILogger<SigningKeys> logger)
    {
        _logger = logger;
        Folder = Path.GetFullPath(options.Value.Path);
        EnsureFolder(Folder);
        var files = KeyFiles(Folder);
        if (files.Count == 0)
        {
            files = [Generate(Folder, options.Value.KeySize)];
        }

        _keys = [.. files.Select(Load)];
        // The newest file signs; older ones stay to validate the tokens they signed.
        Active = _keys.OrderByDescending(k => File.GetLastWriteTimeUtc(k.FilePath)).ThenBy(k => k.Kid, StringComparer.Ordinal).First();
    }

    public string Folder { get; }

    public SigningKey Active { get; }

    public IReadOnlyList<SigningKey> All => _keys;

    /// <summary>The validation key named by a token's <c>kid</c>; null for an unknown one.</summary>
    public SecurityKey? Find(string? kid) =>
        kid is null ? null : _keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal))?.SecurityKey;

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    internal static List<string> KeyFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.pem").Order(StringComparer.Ordinal)];

    internal static string Generate(string folder, int keySize)
    {
        using var rsa = RSA.Create(keySize);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var kid = JwkThumbprint.Of(rsa.ExportParameters(includePrivateParameters: false));
        var path = Path.Combine(folder, kid + ".pem");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600: the key is never readable by others, not even for a moment.
            fileOptions.UnixCreateMode = OwnerOnly;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(pem);
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        return path;
    }

    private SigningKey Load(string path)
    {
        RefuseIfReadableByOthers(path);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new StartupException($"{path} is not a PEM RSA private key ({e.Message}).");
        }

        var key = new SigningKey(rsa, path);
        KeyLoaded(key.Kid, path);
        return key;
    }

    private static void RefuseIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new StartupException(
                $"private key {path} is accessible by group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); " +
                $"it must be readable by its owner only: chmod 600 '{path}'");
        }
    }

    private static void EnsureFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loaded signing key {Kid} from {Path}")]
    private partial void KeyLoaded(string kid, string path);
}
