using System.Diagnostics;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Storage;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Work that covers several pictures at once (a collage tick) belongs to no single picture's trace,
/// so it also leaves one span in each picture's own trace: "one trace per picture" then shows that
/// step too. Each such span covers the work so far (from the start of the current span) and links
/// back to it, so the shared run is one click away from every picture.
/// </summary>
public static class PictureSpans
{
    /// <summary>Records one span named <paramref name="name"/> per picture whose document carries a trace.</summary>
    public static void RecordForEach(string name, IEnumerable<PictureDocument> pictures)
    {
        var current = Activity.Current;
        var links = current is null ? null : new[] { new ActivityLink(current.Context) };
        var started = current is null ? DateTimeOffset.UtcNow : new DateTimeOffset(current.StartTimeUtc, TimeSpan.Zero);
        foreach (var picture in pictures)
        {
            if (!PictureTrace.TryParse(picture.TraceParent, null, out var parent))
            {
                continue;
            }

            using var span = EventTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent, links: links, startTime: started);
            span?.SetTag("picadaily.object_name", picture.Name);
            span?.SetTag("picadaily.generation", picture.Generation);
        }
    }
}
