using Microsoft.Extensions.Options;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// Remembers a reported failure in the picture document of that generation (<c>failedBy</c>), so it
/// goes with the document: replaced by a newer generation, removed when the picture is deleted.
/// </summary>
internal sealed class CatalogFailureMemory(PictureCatalog catalog, PictureStorage storage, TimeProvider clock, IOptions<PicADailySettings> settings) : IFailureMemory
{
    public async Task<bool> WasReportedAsync(string bucket, string name, long generation, CancellationToken cancellationToken)
    {
        if (!IsPicture(bucket, name))
        {
            return false;
        }

        var recorded = (await catalog.GetAsync(name, cancellationToken))?.Document;
        return recorded?.Generation == generation && recorded.FailedBy.Contains(settings.Value.ServiceName);
    }

    public async Task RememberAsync(string bucket, string name, long generation, CancellationToken cancellationToken)
    {
        // Only a generation that is live gets a document, and one that went meanwhile loses it again
        // (write, then verify, as every writer of picture documents does): no document without its picture.
        if (!IsPicture(bucket, name) || !await IsLiveAsync(bucket, name, generation, cancellationToken))
        {
            return;
        }

        await catalog.RecordFailureAsync(name, generation, settings.Value.ServiceName, clock.GetUtcNow(), cancellationToken);
        if (!await IsLiveAsync(bucket, name, generation, cancellationToken))
        {
            await catalog.RemoveAsync(name, generation, cancellationToken);
        }
    }

    private async Task<bool> IsLiveAsync(string bucket, string name, long generation, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.IsLiveAsync(bucket, name, generation, cancellationToken);
        }
        catch (PermanentEventException)
        {
            return false; // a name storage refuses is no picture
        }
    }

    private bool IsPicture(string bucket, string name) => bucket == settings.Value.PicturesBucket && name.Length > 0;
}
