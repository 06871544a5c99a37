using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Imaging.Tests;

public sealed class JpegSegmentFilterTests
{
    private static readonly byte[] Photo = CraftedPictures.SolidJpeg(32, 24, new Rgba32(30, 144, 255));

    [Fact]
    public void Fill_bytes_before_a_marker_do_not_hide_the_segments_after_it()
    {
        byte[] withFill = [0xFF, 0xD8, 0xFF, 0xFF, .. Segment(0xE2, "ICC_PROFILE\0"u8), 0xFF, 0xFF, 0xFF, .. Segment(0xED, "Photoshop 3.0\0"u8), .. Photo[2..]];

        var filtered = JpegSegmentFilter.WithoutUnusedMetadata(withFill).ToArray();

        Assert.Equal(Photo, filtered);
    }

    [Fact]
    public void Metadata_after_the_scan_is_dropped_and_the_scan_data_and_what_follows_eoi_are_kept()
    {
        var eoi = Photo.Length - 2;
        byte[] appended = "<html></html>"u8.ToArray();
        byte[] late = [.. Photo[..eoi], .. Segment(0xE2, "ICC_PROFILE\0"u8), 0xFF, .. Segment(0xFE, "late comment"u8), .. Photo[eoi..], .. appended];

        var filtered = JpegSegmentFilter.WithoutUnusedMetadata(late).ToArray();

        Assert.Equal([.. Photo, .. appended], filtered);
    }

    [Fact]
    public void Stuffed_bytes_and_restart_markers_inside_a_scan_are_scan_data_not_markers()
    {
        var sos = Photo.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var scanData = sos + 2 + ((Photo[sos + 2] << 8) | Photo[sos + 3]);
        byte[] withRestart = [.. Photo[..scanData], 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, .. Photo[scanData..]];
        var eoi = withRestart.Length - 2;
        byte[] withLateIcc = [.. withRestart[..eoi], .. Segment(0xE2, "ICC_PROFILE\0"u8), .. withRestart[eoi..]];

        var filtered = JpegSegmentFilter.WithoutUnusedMetadata(withLateIcc).ToArray();

        Assert.Equal(withRestart, filtered);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 })]
    [InlineData(new byte[] { 0x12 })]
    [InlineData(new byte[] { 0xFF, 0xD0 })]
    [InlineData(new byte[] { 0xFF, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xE1, 0x00, 0x01 })]
    public void Anything_but_a_marker_segment_before_the_scan_is_refused_rather_than_passed_to_the_decoder(byte[] padding)
    {
        byte[] padded = [0xFF, 0xD8, .. padding, .. Segment(0xE2, "ICC_PROFILE\0"u8), .. Photo[2..]];

        var rejection = Assert.Throws<ImageRejectedException>(() => JpegSegmentFilter.WithoutUnusedMetadata(padded));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Fact]
    public async Task The_loader_refuses_a_jpeg_with_stray_bytes_between_segments_as_corrupt()
    {
        byte[] padded = [0xFF, 0xD8, .. Segment(0xFE, "a comment"u8), 0x00, 0x00, .. Segment(0xE2, "ICC_PROFILE\0"u8), .. Photo[2..]];

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => new SafeImageLoader(ImageLimits.Default).LoadAsync(padded, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Fact]
    public void An_ordinary_jpeg_passes_unchanged()
    {
        var filtered = JpegSegmentFilter.WithoutUnusedMetadata(Photo);

        Assert.Equal(Photo, filtered.ToArray());
    }

    [Fact]
    public async Task A_jpeg_with_fill_bytes_still_decodes()
    {
        byte[] withFill = [0xFF, 0xD8, 0xFF, 0xFF, .. Segment(0xE2, "ICC_PROFILE\0"u8), .. Photo[2..]];

        using var image = await new SafeImageLoader(ImageLimits.Default).LoadAsync(withFill, CancellationToken.None);

        Assert.Equal((32, 24), (image.Width, image.Height));
    }

    private static byte[] Segment(byte marker, ReadOnlySpan<byte> payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
}
