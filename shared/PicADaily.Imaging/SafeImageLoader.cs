using System.Runtime.InteropServices;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.Imaging;

/// <summary>
/// The one way Pic-a-Daily turns untrusted bytes into pixels: format by content, caps on bytes, pixels
/// and sides checked from the header before any pixel buffer exists, first frame only, EXIF orientation
/// applied, metadata stripped, and a time limit. Every refusal is an <see cref="ImageRejectedException"/>.
/// Every identify and decode waits for one of the process's <see cref="DecodeSlots"/>, then runs under the
/// limits of <see cref="ImageLimits"/> (CPU time, and a wall-clock ceiling that defers rather than refuses:
/// <see cref="DecodeDeferredException"/>). Thread-safe; make one per process and share it.
/// </summary>
public sealed class SafeImageLoader
{
    private const int SniffLength = 512;

    private readonly Configuration configuration;
    private readonly DecodeRunner runner;

    // Metadata is ignored where it can only cost memory: PNG text and iCCP chunks may be
    // deflate-compressed (a decompression bomb; 2.1.13 inflates them whole) and GIF comments are never
    // shown. The price: a PNG's rare eXIf orientation is not applied. JPEG and WebP keep metadata for
    // the EXIF orientation; their chunks are stored, not compressed, so bounded by the input size.
    private readonly JpegDecoder jpegDecoder = new() { IgnoreMetadata = false };
    private readonly PngDecoder pngDecoder = new() { IgnoreMetadata = true };
    private readonly WebpDecoder webpDecoder = new() { IgnoreMetadata = false };
    private readonly GifDecoder gifDecoder = new() { IgnoreMetadata = true, DecodingMode = FrameDecodingMode.First, MaxFrames = 1 };

    /// <summary>A loader with decode slots of its own (one per core); services share the process's through <c>AddSafeImageLoader</c>.</summary>
    public SafeImageLoader(ImageLimits limits)
        : this(limits, new DecodeSlots(DecodeSlots.DefaultCapacity), new AbandonedDecodes(TimeProvider.System), TimeProvider.System)
    {
    }

    public SafeImageLoader(ImageLimits limits, DecodeSlots slots, AbandonedDecodes abandoned, TimeProvider timeProvider)
        : this(limits, slots, abandoned, ProcThreadCpuClock.Instance, timeProvider)
    {
    }

    internal SafeImageLoader(ImageLimits limits, DecodeSlots slots, AbandonedDecodes abandoned, IThreadCpuClock cpuClock, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(abandoned);
        ArgumentNullException.ThrowIfNull(cpuClock);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Limits = limits;
        NativeHeap.KeepLargeBlocksInTheirOwnMappings();
        configuration = ImagingConfiguration.Create(limits);
        runner = new DecodeRunner(limits, slots, abandoned, cpuClock, timeProvider);
    }

    public ImageLimits Limits { get; }

    /// <summary>The accepted format of <paramref name="header"/> judged by its first bytes, or null when it is not one.</summary>
    public static PictureFormat? DetectFormat(ReadOnlySpan<byte> header) => FormatSniffer.Detect(header);

    /// <summary>Reads format and dimensions without decoding pixels, enforcing every cap.</summary>
    /// <exception cref="ImageRejectedException">The content will never be an acceptable picture.</exception>
    public PictureInfo Identify(ReadOnlySpan<byte> content)
    {
        var format = CheckEnvelope(content);

        // The worker that enforces the time limit cannot borrow a span, so it gets its own copy.
        var copy = content.ToArray();
        return runner.RunAsync(token => IdentifyCore(WithoutUnusedMetadata(copy, format), format, token), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    /// <summary>Identifies, then decodes the first frame to RGBA, upright and without metadata.</summary>
    /// <exception cref="ImageRejectedException">The content will never be an acceptable picture.</exception>
    /// <exception cref="DecodeDeferredException">The machine was too busy to judge the picture; try again later.</exception>
    public Task<Image<Rgba32>> LoadAsync(ReadOnlyMemory<byte> content, CancellationToken ct) => LoadAsync<Rgba32>(content, ct);

    /// <summary>
    /// As <see cref="LoadAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, in the pixel type the caller
    /// needs (e.g. <see cref="Rgb24"/> for a JPEG, which has no alpha, to save a quarter of the memory).
    /// </summary>
    public Task<Image<TPixel>> LoadAsync<TPixel>(ReadOnlyMemory<byte> content, CancellationToken ct)
        where TPixel : unmanaged, IPixel<TPixel> => LoadAsync<TPixel>(content, uprightResize: null, ct);

    /// <summary>
    /// As <see cref="LoadAsync{TPixel}(ReadOnlyMemory{byte}, CancellationToken)"/>, resized to
    /// <paramref name="uprightResize"/> (expressed for the upright picture) within the time limit. The
    /// resize happens before the EXIF rotation, so a rotated photo is turned at thumbnail size instead
    /// of copying every full-size pixel a second time; that is only equivalent for centred resizes.
    /// </summary>
    public Task<Image<TPixel>> LoadAsync<TPixel>(ReadOnlyMemory<byte> content, ResizeOptions? uprightResize, CancellationToken ct)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        if (uprightResize is not null)
        {
            EnsureCentred(uprightResize);
        }

        return LoadAsync<TPixel>(content, _ => uprightResize, ct);
    }

    /// <summary>
    /// As <see cref="LoadAsync{TPixel}(ReadOnlyMemory{byte}, ResizeOptions, CancellationToken)"/>, with the
    /// resize chosen from the picture's upright size once it is known (null: keep the size), e.g. to shrink
    /// only what is larger than needed. The full-size pixels then live only inside the loader.
    /// </summary>
    public async Task<Image<TPixel>> LoadAsync<TPixel>(ReadOnlyMemory<byte> content, Func<Size, ResizeOptions?> uprightResizeFor, CancellationToken ct)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(uprightResizeFor);
        var format = CheckEnvelope(content.Span);

        // Identified first, in a slot of its own, because the decode waits for as many pixels of the
        // budget as the picture has (DecodeSlots), and only the header says how many that is.
        var (info, filtered) = await runner.RunAsync(
            token =>
            {
                var withoutMetadata = WithoutUnusedMetadata(content, format);
                return (IdentifyCore(withoutMetadata, format, token), withoutMetadata);
            },
            ct);
        return await runner.RunAsync((long)info.Width * info.Height, token => DecodeCore<TPixel>(filtered, format, uprightResizeFor, token), ct);
    }

    private PictureFormat CheckEnvelope(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectionReason.Empty, "empty file: zero bytes");
        }

        if (content.Length > Limits.MaxBytes)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooLarge,
                $"too large: {content.Length} bytes exceeds {Limits.MaxBytes}");
        }

        var header = content[..Math.Min(SniffLength, content.Length)];
        return FormatSniffer.Detect(header) ?? throw new ImageRejectedException(
            ImageRejectionReason.UnsupportedFormat,
            $"unsupported format: {FormatSniffer.DescribeUnsupported(header)}");
    }

    private PictureInfo IdentifyCore(ReadOnlyMemory<byte> content, PictureFormat format, CancellationToken token)
    {
        var truncation = TruncationCheck.FindTruncation(content.Span, format);
        if (truncation is not null)
        {
            throw new ImageRejectedException(ImageRejectionReason.Corrupt, $"corrupt {format}: {truncation}");
        }

        var info = Translate(format, () =>
        {
            using var stream = AsStream(content);
            return ((IImageInfoDetector)DecoderFor(format)).Identify(configuration, stream, token);
        });

        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException(ImageRejectionReason.Corrupt, $"corrupt {format}: no readable dimensions");
        }

        if (info.Width > Limits.MaxDimension || info.Height > Limits.MaxDimension)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyPixels,
                $"too many pixels: {info.Width}x{info.Height} has a side longer than {Limits.MaxDimension}");
        }

        var pixels = (long)info.Width * info.Height;
        if (pixels > Limits.MaxPixels)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyPixels,
                $"too many pixels: {info.Width}x{info.Height} = {pixels} exceeds {Limits.MaxPixels}");
        }

        return new PictureInfo(format, info.Width, info.Height, format.ContentType());
    }

    /// <summary>Decodes content already identified (caps checked, metadata filtered) by <see cref="IdentifyCore"/>.</summary>
    private Image<TPixel> DecodeCore<TPixel>(ReadOnlyMemory<byte> content, PictureFormat format, Func<Size, ResizeOptions?> uprightResizeFor, CancellationToken token)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = Translate(format, () =>
        {
            using var stream = AsStream(content);
            return DecoderFor(format).Decode<TPixel>(configuration, stream, token);
        });

        try
        {
            // Only GIF has a first-frame mode; any other multi-frame result is cut back here.
            while (image.Frames.Count > 1)
            {
                image.Frames.RemoveFrame(image.Frames.Count - 1);
            }

            var swapsSides = SwapsSides(image);
            if (uprightResizeFor(swapsSides ? new Size(image.Height, image.Width) : new Size(image.Width, image.Height)) is { } uprightResize)
            {
                EnsureCentred(uprightResize);
                token.ThrowIfCancellationRequested();
                var stored = swapsSides ? WithSidesSwapped(uprightResize) : uprightResize;
                image.Mutate(x => x.Resize(stored));
            }

            token.ThrowIfCancellationRequested();
            image.Mutate(x => x.AutoOrient());
            PictureMetadata.Strip(image);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static void EnsureCentred(ResizeOptions uprightResize)
    {
        if (uprightResize.Position != AnchorPositionMode.Center || uprightResize.CenterCoordinates is not null || uprightResize.TargetRectangle is not null)
        {
            throw new ArgumentException("only a centred resize gives the same result before and after orientation", nameof(uprightResize));
        }
    }

    private static ReadOnlyMemory<byte> WithoutUnusedMetadata(ReadOnlyMemory<byte> content, PictureFormat format) =>
        format == PictureFormat.Jpeg ? JpegSegmentFilter.WithoutUnusedMetadata(content) : content;

    /// <summary>EXIF orientations 5 to 8 turn the picture a quarter, so its stored width is its upright height.</summary>
    private static bool SwapsSides(Image image)
    {
        var orientation = image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value;
        return orientation is >= 5 and <= 8;
    }

    private static ResizeOptions WithSidesSwapped(ResizeOptions upright) => new()
    {
        Size = new Size(upright.Size.Height, upright.Size.Width),
        Mode = upright.Mode,
        Position = upright.Position,
        Sampler = upright.Sampler,
        Compand = upright.Compand,
        PadColor = upright.PadColor,
        PremultiplyAlpha = upright.PremultiplyAlpha,
    };

    private IImageDecoder DecoderFor(PictureFormat format) => format switch
    {
        PictureFormat.Jpeg => jpegDecoder,
        PictureFormat.Png => pngDecoder,
        PictureFormat.WebP => webpDecoder,
        PictureFormat.Gif => gifDecoder,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a supported picture format"),
    };

    /// <summary>
    /// Turns the decoder's many failure types into a rejection with a reason. Cancellation and running
    /// out of memory are not the picture's fault and pass through.
    /// </summary>
    private static T Translate<T>(PictureFormat format, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (UnknownImageFormatException e)
        {
            throw new ImageRejectedException(ImageRejectionReason.UnsupportedFormat, $"unsupported format: not a readable {format}", e);
        }
        catch (InvalidMemoryOperationException e)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyPixels,
                $"too many pixels: decoding this {format} needs more memory than allowed ({e.Message})",
                e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException and not ImageRejectedException)
        {
            // Malformed input surfaces from ImageSharp as ImageFormatException, but also as
            // EndOfStream, IndexOutOfRange, Argument or Overflow exceptions from deep inside a decoder.
            throw new ImageRejectedException(ImageRejectionReason.Corrupt, $"corrupt {format}: {e.Message}", e);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
