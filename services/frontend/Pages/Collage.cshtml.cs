using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Storage;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Pages;

/// <summary>The latest collage. Its URL carries the generation, and the image is served no-store, so no stale copy shows.</summary>
[LivePage]
public sealed class CollageModel(IPictureObjects objects, IOptions<PicADailySettings> settings) : PageModel
{
    public long? Generation { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Generation = (await objects.GetAsync(settings.Value.ThumbnailsBucket, ArtifactMetadata.CollageObjectName, cancellationToken))?.Generation;
}
