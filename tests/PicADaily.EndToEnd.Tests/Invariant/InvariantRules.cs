namespace PicADaily.EndToEnd.Tests.Invariant;

/// <summary>
/// The delivery invariant, judged on a snapshot of a quiet system. It starts from both sides: from
/// the live pictures (what must exist) and from every document and thumbnail (what must not remain),
/// so a picture the system silently lost is caught as surely as a leftover.
/// </summary>
public static class InvariantRules
{
    public static IReadOnlyList<string> Violations(SystemSnapshot snapshot)
    {
        var problems = new List<string>();
        LivePicturesHaveTheirArtifacts(snapshot, problems);
        DocumentsHaveALivePicture(snapshot, problems);
        ThumbnailsHaveALiveSafeSource(snapshot, problems);
        CollageShowsOnlyLiveVisiblePictures(snapshot, problems);
        return problems;
    }

    private static void LivePicturesHaveTheirArtifacts(SystemSnapshot snapshot, List<string> problems)
    {
        foreach (var (name, generation) in snapshot.LivePictures)
        {
            if (snapshot.FailedGenerations.Contains((name, generation)))
            {
                // Given up on with a recorded reason: nothing more is owed, and nothing may show.
                if (snapshot.Thumbnails.GetValueOrDefault(name) == generation)
                {
                    problems.Add($"failed picture '{name}' (generation {generation}) has a thumbnail");
                }

                if (snapshot.Documents.TryGetValue(name, out var failed) && failed.Generation == generation && failed.Visible)
                {
                    problems.Add($"failed picture '{name}' (generation {generation}) is visible");
                }

                continue;
            }

            if (!snapshot.Documents.TryGetValue(name, out var picture))
            {
                problems.Add($"live picture '{name}' (generation {generation}) has no document and no recorded failure");
                continue;
            }

            if (picture.Generation != generation)
            {
                continue; // Reported from the document's side.
            }

            if (!picture.Analyzed)
            {
                problems.Add($"live picture '{name}' (generation {generation}) was never analysed and no failure was recorded");
            }
            else if (picture.Safe && snapshot.Thumbnails.GetValueOrDefault(name) != generation)
            {
                problems.Add($"live safe picture '{name}' (generation {generation}) has no thumbnail of that generation");
            }
            else if (picture.Safe && !picture.Visible)
            {
                problems.Add($"safe picture '{name}' is not visible (thumbnail recorded: {picture.Thumbnail})");
            }
        }
    }

    private static void DocumentsHaveALivePicture(SystemSnapshot snapshot, List<string> problems)
    {
        foreach (var (name, picture) in snapshot.Documents)
        {
            if (!snapshot.LivePictures.TryGetValue(name, out var generation))
            {
                problems.Add($"document of '{name}' remains though the picture is gone");
            }
            else if (picture.Generation != generation)
            {
                problems.Add($"document of '{name}' describes generation {picture.Generation}, the live one is {generation}");
            }
        }
    }

    private static void ThumbnailsHaveALiveSafeSource(SystemSnapshot snapshot, List<string> problems)
    {
        foreach (var (name, source) in snapshot.Thumbnails)
        {
            if (!snapshot.LivePictures.TryGetValue(name, out var generation) || source != generation)
            {
                problems.Add($"thumbnail of '{name}' (source generation {source}) has no live picture of that generation");
            }
            else if (snapshot.Documents.TryGetValue(name, out var picture) && picture.Analyzed && !picture.Safe)
            {
                problems.Add($"unsafe picture '{name}' still has a public thumbnail");
            }
        }
    }

    private static void CollageShowsOnlyLiveVisiblePictures(SystemSnapshot snapshot, List<string> problems)
    {
        if (snapshot.Collage is not { } collage)
        {
            return;
        }

        if (collage.Pictures is null)
        {
            problems.Add($"collage generation {collage.Generation} was never announced, so what it shows is unknown");
            return;
        }

        foreach (var shown in collage.Pictures)
        {
            var live = snapshot.LivePictures.TryGetValue(shown.Name, out var generation) && generation == shown.Generation;
            var visible = snapshot.Documents.TryGetValue(shown.Name, out var picture) && picture.Generation == shown.Generation && picture.Visible;
            if (!live || !visible)
            {
                problems.Add($"collage shows '{shown.Name}' generation {shown.Generation}, which is not a live visible picture");
            }
        }
    }
}
