using System.Text;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.Pictures;

namespace PicADaily.EndToEnd.Tests.Invariant;

/// <summary>
/// Reads a quiet system into a <see cref="SystemSnapshot"/> and judges it with <see cref="InvariantRules"/>:
/// every live safe picture has exactly one document and one thumbnail of its live generation; a
/// deleted or unsafe picture has no thumbnail and no visible document; nothing is left of pictures
/// that are gone; the collage, once refreshed, shows only live visible pictures.
/// </summary>
public static class InvariantChecker
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(PicADailySystem system, IFirestoreClient firestore) =>
        InvariantRules.Violations(await SnapshotAsync(system, firestore));

    /// <summary>
    /// Refreshes the collage first (a tick, as the schedule would send), because between ticks the
    /// collage may rightly still show a picture deleted since; then reads everything.
    /// </summary>
    public static async Task<SystemSnapshot> SnapshotAsync(PicADailySystem system, IFirestoreClient firestore)
    {
        await system.TickCollageAsync();
        await system.UntilDeliveredAsync(TimeSpan.FromSeconds(90));
        await system.Activity.CatchUpAsync();

        var live = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in ObjectNames(system.PicturesFolder))
        {
            if (await system.Storage.GetAsync("pictures", name, null, default) is { Generation: { } generation })
            {
                live[name] = generation;
            }
        }

        var documents = new Dictionary<string, PictureDocument>(StringComparer.Ordinal);
        foreach (var document in await firestore.RunQueryAsync(new FirestoreQuery(PictureDocument.Collection), default))
        {
            if (await system.Catalog.GetAsync(PictureDocumentId.ToObjectName(document.Id), default) is { } stored)
            {
                documents[stored.Document.Name] = stored.Document;
            }
        }

        var thumbnails = new Dictionary<string, long?>(StringComparer.Ordinal);
        LiveCollage? collage = null;
        var thumbnailsFolder = Path.Combine(Path.GetDirectoryName(system.PicturesFolder)!, "thumbnails");
        foreach (var name in ObjectNames(thumbnailsFolder))
        {
            if (await system.Storage.GetAsync("thumbnails", name, null, default) is not { Generation: { } generation } thumbnail)
            {
                continue;
            }

            if (name == ArtifactMetadata.CollageObjectName)
            {
                var announced = system.Activity.All<CollageCreated>().LastOrDefault(e => e.Data.CollageGeneration == generation);
                collage = new LiveCollage(generation, announced?.Data.Pictures);
            }
            else
            {
                thumbnails[name] = thumbnail.SourceGeneration;
            }
        }

        return new SystemSnapshot
        {
            LivePictures = live,
            Documents = documents,
            Thumbnails = thumbnails,
            FailedGenerations = system.Activity.All<ProcessingFailed>().Select(e => (e.Data.Name, e.Data.Generation)).ToHashSet(),
            Collage = collage,
        };
    }

    private static IEnumerable<string> ObjectNames(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            : [];

    public static string Describe(IReadOnlyList<string> problems)
    {
        var text = new StringBuilder();
        foreach (var problem in problems)
        {
            text.AppendLine(problem);
        }

        return text.ToString();
    }
}
