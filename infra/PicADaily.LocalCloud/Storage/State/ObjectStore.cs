using System.Diagnostics;
using Microsoft.AspNetCore.StaticFiles;
using PicADaily.Contracts.Storage;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Storage.State;

/// <summary>
/// Every change to objects, whether it comes from the JSON API or from someone editing a bucket
/// folder: moves the file, records the index entry and queues the notifications, under one lock.
/// The file operation comes first and the index transaction after it, so a crash in between
/// leaves a file the index does not describe, which the folder scan then announces: a crash can
/// produce a late event, never a lost one.
/// </summary>
public sealed class ObjectStore(
    StoragePaths paths,
    StorageIndex index,
    StorageMutex mutex,
    NotificationOutbox outbox,
    [FromKeyedServices(OutboxDispatcher.SignalKey)] AsyncSignal signal,
    TimeProvider time)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public StoredObject? Get(string bucket, string name)
    {
        using var session = index.Open();
        return session.GetObject(bucket, name);
    }

    /// <summary>Makes <paramref name="tempFile"/> the new live generation of the object.</summary>
    public async Task<StoredObject> CommitAsync(string bucket, string name, string tempFile, ContentHashes hashes, ObjectWrite write, Preconditions preconditions, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        var path = paths.ObjectFile(bucket, name);
        var live = session.GetObject(bucket, name);
        preconditions.Check(live);
        PrepareTarget(bucket, name, path);
        File.Move(tempFile, path, overwrite: true);
        var stamp = FileStamp.TryOf(path) ?? throw new IOException($"The file of {bucket}/{name} vanished right after it was written.");
        var now = time.GetUtcNow();
        var created = new StoredObject(bucket, name, GenerationClock.Next(session, time), 1, hashes.Size, write.ContentType,
            write.Metadata, write.Headers, hashes.Md5Base64, hashes.Crc32CBase64, now, now, stamp.Ticks);
        session.UpsertObject(created);
        outbox.RecordNewGeneration(session, live, created, now);
        session.Commit();
        signal.Set();
        return created;
    }

    public async Task DeleteAsync(string bucket, string name, long? generation, Preconditions preconditions, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        var live = RequireObject(session, bucket, name, generation);
        preconditions.Check(live);
        var path = paths.ObjectFile(bucket, name);
        File.Delete(path);
        session.DeleteObject(bucket, name);
        outbox.Record(session, NotificationOutbox.Delete, live, time.GetUtcNow(), null);
        session.Commit();
        signal.Set();
        PruneEmptyFolders(bucket, path);
    }

    /// <summary>Applies a metadata change (PATCH or PUT semantics are the caller's), bumping the metageneration.</summary>
    public async Task<StoredObject> UpdateMetadataAsync(string bucket, string name, long? generation, Preconditions preconditions, Func<StoredObject, StoredObject> change, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        var live = RequireObject(session, bucket, name, generation);
        preconditions.Check(live);
        var now = time.GetUtcNow();
        var updated = change(live) with { Metageneration = live.Metageneration + 1, Updated = now };
        session.UpsertObject(updated);
        outbox.Record(session, NotificationOutbox.MetadataUpdate, updated, now, null);
        session.Commit();
        signal.Set();
        return updated;
    }

    /// <summary>
    /// Records a file someone put into a bucket folder, if it still is exactly the file that was
    /// hashed. A file whose bytes equal the live generation's (size, MD5 and CRC32C) is not a new
    /// generation: copying tools set times and modes after writing, which changes only the stamp.
    /// </summary>
    public async Task<FolderWriteOutcome> RecordFolderWriteAsync(string bucket, string name, FileStamp hashedStamp, ContentHashes hashes, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        var path = paths.ObjectFile(bucket, name);
        if (FileStamp.TryOf(path) != hashedStamp || hashes.Size != hashedStamp.Size)
        {
            return FolderWriteOutcome.ChangedMeanwhile;
        }

        EnsureBucketRow(session, bucket);
        var live = session.GetObject(bucket, name);
        if (live is not null && hashedStamp.Matches(live))
        {
            return FolderWriteOutcome.AlreadyRecorded;
        }

        if (live is not null && live.Size == hashes.Size && live.Md5Hash == hashes.Md5Base64 && live.Crc32C == hashes.Crc32CBase64)
        {
            // Same generation, same metadata: only remember the new stamp so the scanner stops looking at it.
            session.UpsertObject(live with { FileTicks = hashedStamp.Ticks });
            session.Commit();
            return FolderWriteOutcome.SameContent;
        }

        var now = time.GetUtcNow();
        var contentType = ContentTypes.TryGetContentType(name, out var guessed) ? guessed : "application/octet-stream";
        // A dropped file has no upload whose trace it could continue: its trace starts here, and travels
        // in its custom metadata as an upload's does (PictureTrace). Only when traces are exported.
        using var announced = LocalCloudTelemetry.Source.StartActivity($"folder drop {bucket}/{name}", ActivityKind.Producer, parentContext: default);
        var metadata = new Dictionary<string, string>();
        if (PictureTrace.TraceParentOf(announced) is { } traceParent)
        {
            metadata[PictureTrace.TraceParentKey] = traceParent;
        }

        var created = new StoredObject(bucket, name, GenerationClock.Next(session, time), 1, hashes.Size, contentType,
            metadata, new Dictionary<string, string>(), hashes.Md5Base64, hashes.Crc32CBase64, now, now, hashedStamp.Ticks);
        session.UpsertObject(created);
        outbox.RecordNewGeneration(session, live, created, now);
        session.Commit();
        signal.Set();
        return FolderWriteOutcome.NewGeneration;
    }

    /// <summary>Records that the file of an indexed object was removed from its bucket folder.</summary>
    public async Task RecordFolderDeletionAsync(string bucket, string name, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        var live = session.GetObject(bucket, name);
        if (live is null || File.Exists(paths.ObjectFile(bucket, name)))
        {
            return;
        }

        session.DeleteObject(bucket, name);
        outbox.Record(session, NotificationOutbox.Delete, live, time.GetUtcNow(), null);
        session.Commit();
        signal.Set();
    }

    private void EnsureBucketRow(IndexSession session, string bucket)
    {
        if (session.GetBucket(bucket) is null)
        {
            session.InsertBucket(new BucketRecord(bucket, "", 1, time.GetUtcNow()));
        }
    }

    private static void RequireBucket(IndexSession session, string bucket)
    {
        if (session.GetBucket(bucket) is null)
        {
            throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
        }
    }

    private static StoredObject RequireObject(IndexSession session, string bucket, string name, long? generation)
    {
        var live = session.GetObject(bucket, name);
        if (live is null || (generation is { } g && g != live.Generation))
        {
            throw GoogleErrorException.NotFound($"No such object: {bucket}/{name}" + (generation is null ? "." : $" (generation {generation})."));
        }

        return live;
    }

    // A name is a path: "a" and "a/b" cannot both be files, so such a name is refused rather than stored elsewhere.
    private void PrepareTarget(string bucket, string name, string path)
    {
        if (Directory.Exists(path))
        {
            throw GoogleErrorException.InvalidArgument($"Object name '{name}' cannot be stored: LocalCloud already keeps objects named '{name}/...' in that folder.");
        }

        var folder = Path.GetDirectoryName(path)!;
        var bucketFolder = paths.BucketFolder(bucket);
        for (var dir = folder; dir.Length > bucketFolder.Length; dir = Path.GetDirectoryName(dir)!)
        {
            if (File.Exists(dir))
            {
                var conflicting = Path.GetRelativePath(bucketFolder, dir);
                throw GoogleErrorException.InvalidArgument($"Object name '{name}' cannot be stored: the object '{conflicting}' is a file where LocalCloud would need a folder.");
            }
        }

        Directory.CreateDirectory(folder);
    }

    // Folders exist only to carry names with '/', so they go when their last object goes.
    private void PruneEmptyFolders(string bucket, string deletedFile)
    {
        var bucketFolder = Path.GetFullPath(paths.BucketFolder(bucket));
        for (var dir = Path.GetDirectoryName(deletedFile)!; dir.Length > bucketFolder.Length; dir = Path.GetDirectoryName(dir)!)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    return;
                }

                Directory.Delete(dir);
            }
            catch (IOException)
            {
                // Someone put something there meanwhile: the folder stays, which is right.
                return;
            }
        }
    }
}
