using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.Storage.Folders;

/// <summary>
/// Makes the bucket folders an interface: files dropped, replaced or deleted there by a person
/// become object changes with the same notifications as API calls. A file watcher triggers scans
/// quickly; a periodic scan catches what the watcher misses; the first scan at start-up finds what
/// changed while LocalCloud was down.
/// One copy gives one generation: a file is announced once its size and modification time stayed
/// the same for <see cref="StorageOptions.SettleInterval"/>, and a picture that does not look whole
/// (a copy stalled mid-file) or an empty file for <see cref="StorageOptions.IncompleteGrace"/>;
/// scratch names of copying tools are never announced (<see cref="FolderNamePolicy"/>); a later
/// change of times or mode with the same bytes only updates the index (<see cref="FolderWriteOutcome.SameContent"/>).
/// </summary>
public sealed class BucketFolderScanner(
    StoragePaths paths,
    StorageIndex index,
    ObjectStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<BucketFolderScanner> logger) : BackgroundService
{
    private readonly Dictionary<(string Bucket, string Name), Settling> settling = [];
    private readonly HashSet<string> reportedUnusable = new(StringComparer.Ordinal);
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = StartWatcher();
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scanning the bucket folders under {BucketsRoot} failed; trying again", paths.BucketsRoot);
            }

            var wait = NextLook(settings);
            try
            {
                if (await changed.WaitAsync(wait, stoppingToken))
                {
                    // Writers raise many events in a burst; one scan after it is enough.
                    await Task.Delay(CoalesceDelay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // While files settle, look again soon; otherwise wait for the watcher or the periodic scan. Files that
    // only wait for the incomplete grace need no polling: a change wakes the watcher, the grace ending is a time.
    private TimeSpan NextLook(StorageOptions settings)
    {
        if (settling.Count == 0)
        {
            return settings.ScanInterval;
        }

        var soon = TimeSpan.FromTicks(Math.Max(settings.SettleInterval.Ticks / 4, TimeSpan.TicksPerMillisecond * 20));
        if (settling.Values.Any(entry => !entry.ToldIncomplete))
        {
            return soon;
        }

        var graceEnds = settling.Values.Min(entry => entry.Since) + settings.EffectiveIncompleteGrace - time.GetUtcNow();
        return graceEnds < soon ? soon : graceEnds > settings.ScanInterval ? settings.ScanInterval : graceEnds;
    }

    /// <summary>One pass over all bucket folders against the index.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredObject> indexed;
        using (var session = index.Open())
        {
            indexed = session.ListAllObjects();
        }

        var known = indexed.ToDictionary(o => (o.Bucket, o.Name));
        var seen = new HashSet<(string, string)>();
        foreach (var bucketFolder in Directory.EnumerateDirectories(paths.BucketsRoot))
        {
            var bucket = Path.GetFileName(bucketFolder);
            if (!BucketName.IsValid(bucket))
            {
                ReportUnusable(bucketFolder, $"'{bucket}' is not a valid bucket name");
                continue;
            }

            foreach (var file in EnumerateFiles(bucketFolder))
            {
                var name = Path.GetRelativePath(bucketFolder, file).Replace(Path.DirectorySeparatorChar, '/');
                var problem = ObjectName.Problem(name);
                if (problem is not null)
                {
                    ReportUnusable(file, problem);
                    continue;
                }

                var stored = known.GetValueOrDefault((bucket, name));
                if (stored is null && FolderNamePolicy.IsScratch(name))
                {
                    continue;
                }

                seen.Add((bucket, name));
                await ConsiderFileAsync(bucket, name, file, stored, cancellationToken);
            }
        }

        foreach (var key in settling.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            settling.Remove(key);
        }

        // The snapshot may be stale by now; the store re-checks under its lock before recording a deletion.
        foreach (var stored in indexed.Where(o => !seen.Contains((o.Bucket, o.Name))))
        {
            await store.RecordFolderDeletionAsync(stored.Bucket, stored.Name, cancellationToken);
        }
    }

    private async Task ConsiderFileAsync(string bucket, string name, string file, StoredObject? stored, CancellationToken cancellationToken)
    {
        var key = (bucket, name);
        if (FileStamp.TryOf(file) is not { } stamp)
        {
            return;
        }

        if (stored is not null && stamp.Matches(stored))
        {
            settling.Remove(key);
            return;
        }

        var now = time.GetUtcNow();
        if (!settling.TryGetValue(key, out var entry) || entry.Stamp != stamp)
        {
            settling[key] = new Settling(stamp, now);
            return;
        }

        var quiet = now - entry.Since;
        var settings = options.Value;
        if (quiet < settings.SettleInterval)
        {
            return;
        }

        if (quiet < settings.EffectiveIncompleteGrace && !LooksComplete(file))
        {
            if (!entry.ToldIncomplete)
            {
                settling[key] = entry with { ToldIncomplete = true };
                logger.LogInformation("{Bucket}/{Object} in the bucket folder does not look complete yet ({Size} bytes); it is announced when it changes or after {Grace} unchanged",
                    bucket, name, stamp.Size, settings.EffectiveIncompleteGrace);
            }

            return;
        }

        ContentHashes hashes;
        try
        {
            hashes = await ContentHashes.ComputeAsync(file, cancellationToken);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not read {File}; will look again", file);
            return;
        }

        var outcome = await store.RecordFolderWriteAsync(bucket, name, stamp, hashes, cancellationToken);
        switch (outcome)
        {
            case FolderWriteOutcome.ChangedMeanwhile:
                settling[key] = new Settling(FileStamp.TryOf(file) ?? stamp, time.GetUtcNow());
                return;
            case FolderWriteOutcome.NewGeneration:
                logger.LogInformation("Noticed {Bucket}/{Object} in the bucket folder ({Size} bytes)", bucket, name, hashes.Size);
                break;
            case FolderWriteOutcome.SameContent:
                logger.LogDebug("Only the times or mode of {Bucket}/{Object} changed in the bucket folder; same content, no new generation", bucket, name);
                break;
        }

        settling.Remove(key);
    }

    private bool LooksComplete(string file)
    {
        try
        {
            return PictureCompleteness.LooksComplete(file);
        }
        catch (IOException ex)
        {
            logger.LogDebug(ex, "Could not read the ends of {File}; will look again", file);
            return false;
        }
        catch (UnauthorizedAccessException ex)
        {
            // Not readable for now (e.g. a mode change in progress): hashing would fail the same way.
            logger.LogDebug(ex, "Could not read the ends of {File}; will look again", file);
            return false;
        }
    }

    // Symbolic links are skipped, never followed: a link could point outside the bucket folder.
    private static IEnumerable<string> EnumerateFiles(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(current).EnumerateFileSystemInfos().ToList();
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else
                {
                    yield return entry.FullName;
                }
            }
        }
    }

    private void ReportUnusable(string path, string problem)
    {
        if (reportedUnusable.Add(path))
        {
            logger.LogWarning("Ignoring {Path} in the bucket folders: {Problem}", path, problem);
        }
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            var watcher = new FileSystemWatcher(paths.BucketsRoot)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => Wake();
            watcher.Changed += (_, _) => Wake();
            watcher.Deleted += (_, _) => Wake();
            watcher.Renamed += (_, _) => Wake();
            watcher.Error += (_, e) =>
            {
                logger.LogWarning(e.GetException(), "The bucket folder watcher reported an error; the periodic scan still runs");
                Wake();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            logger.LogWarning(ex, "Cannot watch {BucketsRoot}; changes there are found by the periodic scan only", paths.BucketsRoot);
            return null;
        }
    }

    private void Wake()
    {
        try
        {
            changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A scan is already due.
        }
    }
}

/// <summary>A file seen with <paramref name="Stamp"/> unchanged since <paramref name="Since"/>, waiting to be announced.</summary>
internal readonly record struct Settling(FileStamp Stamp, DateTimeOffset Since, bool ToldIncomplete = false);
