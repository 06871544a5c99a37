using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Storage;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Ownership;
using PicADaily.Frontend.Storage;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Uploads;

/// <summary>
/// Stores uploaded pictures in the pictures bucket under fresh, safe names
/// (<c>yyyyMMdd/{guid}.{ext}</c>, the extension from the sniffed format), keeping the person's file
/// name and the upload's trace context as custom metadata. Content decides what is a picture, never
/// the name. Each stored picture gets a fresh delete capability, whose hash (and the uploader's
/// identity, when known) is written with the object in the same request, so a picture never exists
/// without its owner's key.
/// </summary>
public sealed partial class PictureUploader(
    IPictureObjects objects,
    IOptions<PicADailySettings> settings,
    IOptions<UploadLimits> limits,
    TimeProvider clock,
    ILogger<PictureUploader> logger)
{
    // Enough for every signature FormatSniffer knows.
    private const int SniffBytes = 64;
    private const int NameAttempts = 3;

    public async Task<IReadOnlyList<UploadResult>> UploadAsync(IReadOnlyList<IFormFile> files, Viewer uploader, CancellationToken cancellationToken)
    {
        var results = new List<UploadResult>(files.Count);
        foreach (var (file, index) in files.Select((file, index) => (file, index)))
        {
            var fileName = FileNames.Clean(file.FileName);
            if (index >= limits.Value.MaxFiles)
            {
                results.Add(UploadResult.Refused(fileName, UploadRefusals.TooManyFiles, $"too many files: at most {limits.Value.MaxFiles} per upload"));
                continue;
            }

            results.Add(await UploadOneAsync(file, fileName, uploader, cancellationToken));
        }

        return results;
    }

    private async Task<UploadResult> UploadOneAsync(IFormFile file, string fileName, Viewer uploader, CancellationToken cancellationToken)
    {
        var maxBytes = limits.Value.MaxFileBytes;
        if (file.Length == 0)
        {
            return UploadResult.Refused(fileName, UploadRefusals.Empty, "empty file: zero bytes");
        }

        if (file.Length > maxBytes)
        {
            return UploadResult.Refused(fileName, UploadRefusals.TooLarge, $"too large: {Megabytes(file.Length)} MB, the limit is {Megabytes(maxBytes)} MB");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        if (SafeImageLoader.DetectFormat(content.AsSpan(0, Math.Min(SniffBytes, content.Length))) is not { } format)
        {
            return UploadResult.Refused(fileName, UploadRefusals.NotAnImage, "not an image: the content is not JPEG, PNG, WebP or GIF");
        }

        var (deleteToken, deleteTokenSha256) = DeleteCapability.Create();
        var metadata = new Dictionary<string, string>
        {
            [ObjectMetadataKeys.OriginalName] = fileName,
            [ObjectMetadataKeys.DeleteTokenSha256] = deleteTokenSha256,
        };
        // The picture's trace travels with it: every service that reacts to this object continues this
        // upload's trace (see PictureTrace), and the picture page links to it.
        if (PictureTrace.TraceParentOf(Activity.Current) is { } traceParent)
        {
            metadata[PictureTrace.TraceParentKey] = traceParent;
        }

        if (uploader.Identity is { } identity)
        {
            metadata[ObjectMetadataKeys.UploadedBy] = uploader.IsDevelopmentIdentity ? identity + " (development identity)" : identity;
        }

        for (var attempt = 0; attempt < NameAttempts; attempt++)
        {
            var name = NewObjectName(format);
            if (await objects.CreateAsync(settings.Value.PicturesBucket, name, content, format.ContentType(), metadata, cancellationToken) is { } generation)
            {
                LogStored(logger, fileName, name, generation, format.ContentType(), content.Length);
                return UploadResult.Stored(fileName, name, format.ContentType(), deleteToken);
            }
        }

        throw new InvalidOperationException($"Could not find a free object name for '{fileName}' after {NameAttempts} attempts.");
    }

    private string NewObjectName(PictureFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd}/{Guid.NewGuid():N}{Extension(format)}");

    private static string Extension(PictureFormat format) => format switch
    {
        PictureFormat.Jpeg => ".jpg",
        PictureFormat.Png => ".png",
        PictureFormat.WebP => ".webp",
        PictureFormat.Gif => ".gif",
        _ => "",
    };

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored upload {FileName} as {ObjectName}#{Generation} ({ContentType}, {Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, string fileName, string objectName, long generation, string contentType, int bytes);
}
