using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Storage;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Gallery;

/// <summary>
/// Whether a picture is one everybody may see: analysed as safe and thumbnailed, for the generation
/// that is live. Anything else (unsafe, not analysed yet, failed, replaced) is hidden.
/// </summary>
public sealed class PictureVisibility(IPictureDirectory directory, IPictureObjects objects, IOptions<PicADailySettings> settings)
{
    public async Task<bool> IsOriginalVisibleAsync(string name, long generation, CancellationToken cancellationToken) =>
        await directory.GetAsync(name, cancellationToken) is { Visible: true } document && document.Generation == generation;

    /// <summary>A thumbnail is shown when its picture is, and it was cut from that picture's generation.</summary>
    public async Task<bool> IsThumbnailVisibleAsync(StoredObjectInfo thumbnail, CancellationToken cancellationToken)
    {
        if (await directory.GetAsync(thumbnail.Name, cancellationToken) is not { Visible: true } document)
        {
            return false;
        }

        return !thumbnail.Metadata.TryGetValue(ArtifactMetadata.SourceGeneration, out var source)
            || source == document.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>For live updates: is the picture visible right now? Any doubt counts as hidden.</summary>
    public async Task<bool> IsVisibleNowAsync(string name, CancellationToken cancellationToken)
    {
        var original = await objects.GetAsync(settings.Value.PicturesBucket, name, cancellationToken);
        return original is not null && await IsOriginalVisibleAsync(name, original.Generation, cancellationToken);
    }
}
