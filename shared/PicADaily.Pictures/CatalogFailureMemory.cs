using Microsoft.Extensions.Options;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// Remembers a reported failure in the picture document of that generation (<c>failedBy</c>), so it
/// goes with the document: replaced by a newer generation, removed when the picture is deleted.
/// </summary>
internal sealed class CatalogFailureMemory(PictureCatalog catalog, TimeProvider clock, IOptions<PicADailySettings> settings) : IFailureMemory
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
        if (IsPicture(bucket, name))
        {
            await catalog.RecordFailureAsync(name, generation, settings.Value.ServiceName, clock.GetUtcNow(), cancellationToken);
        }
    }

    private bool IsPicture(string bucket, string name) => bucket == settings.Value.PicturesBucket && name.Length > 0;
}
