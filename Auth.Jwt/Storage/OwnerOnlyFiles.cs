using System.Runtime.InteropServices;

namespace Auth.Jwt.Storage;

/// <summary>
/// Everything this process creates (the database, its log, backups, keys, the admin socket) is for its
/// own user alone: umask 077, as the README's systemd unit sets, also when started by hand.
/// </summary>
public static partial class OwnerOnlyFiles
{
    public static void Apply()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = umask(0x3F);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}
