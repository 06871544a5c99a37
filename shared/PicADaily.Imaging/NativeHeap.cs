using System.Runtime.InteropServices;

namespace PicADaily.Imaging;

/// <summary>
/// ImageSharp's pixel buffers are unmanaged memory from C's malloc, several megabytes each. glibc's malloc
/// serves a block that large with its own mapping, returned to the system when freed, but after such a
/// block is freed it raises that threshold (up to 32 MB), so the next pictures' buffers come from its
/// arenas instead, one per thread that allocated (each decode runs on a thread of its own), and freed
/// arena memory mostly stays resident. P4 under load (8 × 48 MP at once) measured 48 MB less peak RSS
/// in image-analysis with the threshold fixed (MALLOC_MMAP_THRESHOLD_=131072). Fixing it here, once per
/// process, gives the same wherever the service runs; it costs a page fault per page of each new buffer,
/// which a freshly decoded picture pays anyway.
/// </summary>
internal static class NativeHeap
{
    /// <summary>glibc's default threshold; setting it at all switches the dynamic raise off.</summary>
    private const int MmapThresholdBytes = 128 * 1024;

    private static readonly Lazy<bool> Fixed = new(FixMmapThreshold);

    /// <summary>True when the threshold is fixed (glibc on Linux); elsewhere there is nothing to do and it is false.</summary>
    public static bool KeepLargeBlocksInTheirOwnMappings() => Fixed.Value;

    private static bool FixMmapThreshold()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return NativeMethods.mallopt(NativeMethods.M_MMAP_THRESHOLD, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no such setting): its allocator behaves as it does.
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int M_MMAP_THRESHOLD = -3;

        [DllImport("libc", ExactSpelling = true)]
        public static extern int mallopt(int param, int value);
    }
}
