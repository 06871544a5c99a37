namespace PicADaily.Imaging.Tests;

/// <summary>Measures process-wide allocation, so nothing else may run alongside.</summary>
[CollectionDefinition(nameof(MemoryBoundTests), DisableParallelization = true)]
public sealed class MemoryBoundCollection;

[Collection(nameof(MemoryBoundTests))]
public sealed class MemoryBoundTests
{
    private const long Megabyte = 1024 * 1024;
    private readonly SafeImageLoader loader = new(ImageLimits.Default);

    [Fact]
    public async Task A_compressed_png_text_bomb_is_never_inflated()
    {
        var bomb = CraftedPictures.PngWithTextChunk("zTXt", CraftedPictures.CompressedTextBomb(128 * (int)Megabyte));
        Assert.True(bomb.Length < 2 * Megabyte, "the bomb itself is small");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var image = await loader.LoadAsync(bomb, CancellationToken.None))
        {
            Assert.Equal((16, 16), (image.Width, image.Height));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 32 * Megabyte, $"allocated {allocated / Megabyte} MB");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_jpeg_with_16_MB_of_icc_and_app_segments_is_processed_with_bounded_memory_and_no_metadata_left(int fillBytesBeforeEachMarker)
    {
        var bloated = CraftedPictures.JpegWithHugeMetadata(segments: 128, fillBytesBeforeEachMarker);
        Assert.True(bloated.Length > 16 * Megabyte);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var image = await loader.LoadAsync(bloated, CancellationToken.None))
        {
            Assert.Equal((64, 64), (image.Width, image.Height));
            Assert.Null(image.Metadata.IccProfile);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 4 * bloated.Length, $"allocated {allocated / Megabyte} MB for {bloated.Length / Megabyte} MB of input");
    }

    [Fact]
    public async Task Icc_segments_placed_after_the_scan_are_dropped_too()
    {
        var bloated = CraftedPictures.JpegWithIccAfterTheScan(segments: 128);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var image = await loader.LoadAsync(bloated, CancellationToken.None))
        {
            Assert.Equal((64, 64), (image.Width, image.Height));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 4 * bloated.Length, $"allocated {allocated / Megabyte} MB for {bloated.Length / Megabyte} MB of input");
    }

    [Fact]
    public async Task A_compressed_png_icc_bomb_is_never_inflated()
    {
        var bomb = CraftedPictures.PngWithTextChunk("iCCP", CraftedPictures.CompressedTextBomb(128 * (int)Megabyte));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using (var image = await loader.LoadAsync(bomb, CancellationToken.None))
        {
            Assert.Equal((16, 16), (image.Width, image.Height));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 32 * Megabyte, $"allocated {allocated / Megabyte} MB");
    }

    [Theory]
    [InlineData(20_000, 20_000)]
    [InlineData(50_000, 50_000)]
    [InlineData(1, 8_000_000)]
    public async Task Rejecting_a_pixel_flood_allocates_next_to_nothing(int width, int height)
    {
        var flood = CraftedPictures.PngClaiming(width, height);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(flood, CancellationToken.None));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(ImageRejectionReason.TooManyPixels, rejection.Reason);
        Assert.True(allocated < 4 * Megabyte, $"allocated {allocated / Megabyte} MB");
    }
}
