using System.Text;
using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.Pictures;

namespace PicADaily.EndToEnd.Tests;

/// <summary>
/// The invariant of docs/architecture.md, checked once the system is quiet: every live safe picture has exactly one
/// document and one thumbnail of its live generation; a deleted or unsafe picture has no thumbnail
/// and no visible document; nothing is left of pictures that are gone.
/// </summary>
public static class InvariantChecker
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(PicADailySystem system, IFirestoreClient firestore)
    {
        var problems = new List<string>();
        var live = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in ObjectNames(system.PicturesFolder))
        {
            if (await system.Storage.GetAsync("pictures", name, null, default) is { Generation: { } generation })
            {
                live[name] = generation;
            }
        }

        var documents = (await firestore.RunQueryAsync(new FirestoreQuery(PictureDocument.Collection), default))
            .Select(d => (Id: d.Id, Picture: system.Catalog.GetAsync(PictureDocumentId.ToObjectName(d.Id), default).GetAwaiter().GetResult()!.Document))
            .ToDictionary(d => d.Picture.Name, d => d.Picture, StringComparer.Ordinal);

        foreach (var (name, picture) in documents)
        {
            if (!live.TryGetValue(name, out var generation))
            {
                problems.Add($"document of '{name}' remains though the picture is gone");
            }
            else if (picture.Generation != generation)
            {
                problems.Add($"document of '{name}' describes generation {picture.Generation}, the live one is {generation}");
            }
        }

        var thumbnailsFolder = Path.Combine(Path.GetDirectoryName(system.PicturesFolder)!, "thumbnails");
        foreach (var name in ObjectNames(thumbnailsFolder).Where(n => n != ArtifactMetadata.CollageObjectName))
        {
            var thumbnail = await system.Storage.GetAsync("thumbnails", name, null, default);
            var source = thumbnail is null ? null : PictureStorage.SourceGenerationOf(thumbnail);
            if (!live.TryGetValue(name, out var generation) || source != generation)
            {
                problems.Add($"thumbnail of '{name}' (source generation {source}) has no live picture of that generation");
            }
            else if (documents.TryGetValue(name, out var picture) && picture.Analyzed && !picture.Safe)
            {
                problems.Add($"unsafe picture '{name}' still has a public thumbnail");
            }
        }

        foreach (var (name, picture) in documents.Where(d => d.Value.Analyzed && d.Value.Safe))
        {
            if (live.TryGetValue(name, out var generation) && picture.Generation == generation && !picture.Visible)
            {
                problems.Add($"safe picture '{name}' is not visible (thumbnail recorded: {picture.Thumbnail})");
            }
        }

        return problems;
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
