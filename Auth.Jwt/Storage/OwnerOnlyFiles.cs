using System.Runtime.InteropServices;

namespace Auth.Jwt.Storage;

/// <summary>
/// Everything this process creates (the database, its log, backups, keys, the admin socket) is for its
/// own user alone: umask 077, as the README's systemd unit sets, also when started by hand.
/// </summary>
public static partial class OwnerOnlyFiles
{
    private const uint GroupAndOthers = 0x3F; // 077

    public static void Apply()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            // glibc's soname first: a bare "libc" only resolves where the C development files are installed.
            _ = UmaskGlibc(GroupAndOthers);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            try
            {
                _ = UmaskLibc(GroupAndOthers);
            }
            catch (Exception inner) when (inner is DllNotFoundException or EntryPointNotFoundException)
            {
                // Defence in depth only: the data and key folders are created 0700 and keys 0600 regardless.
            }
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "umask")]
    private static partial uint UmaskGlibc(uint mask);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint UmaskLibc(uint mask);
}
