namespace PicADaily.Imaging.Tests;

public sealed class SafeImageLoaderRejectionTests
{
    private readonly SafeImageLoader loader = new(ImageLimits.Default);

    public static TheoryData<string, byte[], string> UnsupportedContent => new()
    {
        { "TIFF", CraftedPictures.TiffHeader(), "unsupported format: TIFF" },
        { "BigTIFF", CraftedPictures.BigTiffHeader(), "unsupported format: BigTIFF" },
        { "BMP claiming 50000x50000", CraftedPictures.BmpClaimingHugeSize(), "unsupported format: BMP" },
        { "SVG with a script", CraftedPictures.Svg(), "unsupported format: SVG" },
        { "HTML", CraftedPictures.Html(), "unsupported format: HTML" },
        { "plain text", "just some words, not a picture"u8.ToArray(), "unsupported format: unknown" },
    };

    [Fact]
    public async Task Zero_bytes_are_rejected_as_empty()
    {
        var identify = Assert.Throws<ImageRejectedException>(() => loader.Identify([]));
        var load = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(Array.Empty<byte>(), CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Empty, identify.Reason);
        Assert.Equal(ImageRejectionReason.Empty, load.Reason);
    }

    [Fact]
    public void Content_over_the_byte_cap_is_rejected_as_too_large_before_it_is_read()
    {
        var small = new SafeImageLoader(ImageLimits.Default with { MaxBytes = 1000 });

        var rejection = Assert.Throws<ImageRejectedException>(() => small.Identify([.. CraftedPictures.PngClaiming(10, 10), .. new byte[1000]]));

        Assert.Equal(ImageRejectionReason.TooLarge, rejection.Reason);
        Assert.Contains("exceeds 1000", rejection.Message);
    }

    [Theory]
    [MemberData(nameof(UnsupportedContent))]
    public async Task Formats_other_than_jpeg_png_webp_gif_are_rejected_by_content_with_their_name(string what, byte[] content, string expectedMessage)
    {
        var identify = Assert.Throws<ImageRejectedException>(() => loader.Identify(content));
        var load = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(content, CancellationToken.None));

        Assert.True(identify.Reason == ImageRejectionReason.UnsupportedFormat, what);
        Assert.StartsWith(expectedMessage, identify.Message);
        Assert.Equal(ImageRejectionReason.UnsupportedFormat, load.Reason);
    }

    [Fact]
    public async Task A_tiny_png_claiming_50000x50000_is_rejected_from_its_header()
    {
        // That no pixel is decoded (so no time and memory are spent) is proven by allocation in MemoryBoundTests.
        var flood = CraftedPictures.PngClaiming(50_000, 50_000);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(flood, CancellationToken.None));

        Assert.True(flood.Length < 100, "the flood is a few dozen bytes");
        Assert.Equal(ImageRejectionReason.TooManyPixels, rejection.Reason);
        Assert.Contains("50000x50000", rejection.Message);
    }

    [Fact]
    public async Task A_1x8000000_png_is_rejected_for_its_side_length()
    {
        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(
            () => loader.LoadAsync(CraftedPictures.PngClaiming(1, 8_000_000), CancellationToken.None));

        Assert.Equal(ImageRejectionReason.TooManyPixels, rejection.Reason);
        Assert.Contains("1x8000000", rejection.Message);
    }

    [Fact]
    public void A_gif_screen_of_65535x65535_is_rejected_as_too_many_pixels()
    {
        var rejection = Assert.Throws<ImageRejectedException>(() => loader.Identify(CraftedPictures.GifClaiming(65_535, 65_535)));

        Assert.Equal(ImageRejectionReason.TooManyPixels, rejection.Reason);
        Assert.Contains("65535x65535", rejection.Message);
    }

    [Fact]
    public void The_pixel_cap_applies_to_the_area_as_well_as_to_each_side()
    {
        var capped = new SafeImageLoader(ImageLimits.Default with { MaxPixels = 10_000 });

        var rejection = Assert.Throws<ImageRejectedException>(() => capped.Identify(CraftedPictures.PngClaiming(200, 200)));

        Assert.Equal(ImageRejectionReason.TooManyPixels, rejection.Reason);
        Assert.Contains("200x200 = 40000 exceeds 10000", rejection.Message);
    }

    [Fact]
    public async Task A_jpeg_cut_off_inside_its_header_is_rejected_as_corrupt()
    {
        var cut = CraftedPictures.Truncated(CraftedPictures.SolidJpeg(64, 64, CraftedPictures.Marker), keep: 100);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(cut, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
        Assert.StartsWith("corrupt Jpeg", rejection.Message);
    }

    [Fact]
    public async Task A_jpeg_cut_off_inside_its_pixels_is_rejected_as_corrupt()
    {
        var jpeg = CraftedPictures.NoiseJpeg(256, 256);
        var cut = CraftedPictures.Truncated(jpeg, keep: jpeg.Length * 6 / 10);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(cut, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Theory]
    [InlineData(PictureFormat.Png)]
    [InlineData(PictureFormat.WebP)]
    [InlineData(PictureFormat.Gif)]
    public async Task A_picture_cut_off_inside_its_pixels_is_rejected_as_corrupt(PictureFormat format)
    {
        var whole = SafeImageLoaderAcceptanceTests.NoiseSample(format, 128, 128);
        var cut = CraftedPictures.Truncated(whole, keep: whole.Length * 6 / 10);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(cut, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Fact]
    public async Task A_jpeg_signature_followed_by_garbage_is_rejected_as_corrupt()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        byte[] content = [0xFF, 0xD8, 0xFF, .. garbage];

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => loader.LoadAsync(content, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Fact]
    public async Task A_png_cut_off_before_its_pixels_is_rejected_as_corrupt()
    {
        var png = CraftedPictures.SolidPng(64, 64, CraftedPictures.Marker);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(
            () => loader.LoadAsync(CraftedPictures.Truncated(png, keep: 20), CancellationToken.None));

        Assert.Equal(ImageRejectionReason.Corrupt, rejection.Reason);
    }

    [Fact]
    public async Task Decoding_beyond_the_cpu_time_limit_is_rejected_as_a_timeout()
    {
        // A wall-clock ceiling far away: however loaded this machine is, it is the CPU budget that stops the decode.
        var impatient = new SafeImageLoader(ImageLimits.Default with { DecodeTimeout = TimeSpan.FromMilliseconds(1), DecodeWallTimeout = TimeSpan.FromMinutes(5) });
        var big = CraftedPictures.SolidJpeg(4000, 3000, CraftedPictures.Marker);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => impatient.LoadAsync(big, CancellationToken.None));

        // The message names the CPU budget, so it was the CPU watchdog (not the wall ceiling) that stopped it;
        // its exact bound is played on a fake clock in DecodeTimeLimitTests.
        Assert.Equal(ImageRejectionReason.Timeout, rejection.Reason);
        Assert.Equal("timeout: decoding used more than 0.001 s of CPU", rejection.Message);
    }

    [Fact]
    public async Task A_cancelled_load_stops_with_cancellation_not_a_rejection()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => loader.LoadAsync(CraftedPictures.SolidJpeg(64, 64, CraftedPictures.Marker), cancelled.Token));
    }
}
