namespace PicADaily.Imaging.Tests;

/// <summary>On Linux with glibc (the services' containers), freed pixel buffers must go back to the system.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void On_linux_the_mmap_threshold_is_fixed_and_elsewhere_nothing_is_touched()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.KeepLargeBlocksInTheirOwnMappings());
    }
}
