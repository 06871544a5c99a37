using System.Collections.Concurrent;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>A resumable upload in progress: bytes persisted so far in a temp file, and what to create at the end.</summary>
public sealed class UploadSession(string id, string bucket, string name, ObjectWrite write, Preconditions preconditions, string tempFile)
{
    public string Id { get; } = id;

    public string Bucket { get; } = bucket;

    public string Name { get; } = name;

    public ObjectWrite Write { get; } = write;

    public Preconditions Preconditions { get; } = preconditions;

    public string TempFile { get; } = tempFile;

    public long Persisted { get; set; }

    public long? Total { get; set; }

    /// <summary>Set once the upload created its object; later status queries get it again.</summary>
    public StoredObject? Result { get; set; }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>One request at a time per session.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}

/// <summary>
/// Open resumable upload sessions. They live in memory: a session does not survive a LocalCloud
/// restart (the client then gets 404 and must start again); <see cref="StoragePaths"/> removes their temp files at start-up.
/// </summary>
public sealed class UploadSessions
{
    private readonly ConcurrentDictionary<string, UploadSession> sessions = new(StringComparer.Ordinal);

    /// <summary>Cloud Storage keeps a session URI usable for a week; so does LocalCloud, then forgets it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public void Add(UploadSession session)
    {
        foreach (var expired in sessions.Values.Where(s => DateTimeOffset.UtcNow - s.Started > Lifetime))
        {
            Remove(expired);
        }

        sessions[session.Id] = session;
    }

    public UploadSession? Find(string id) => sessions.GetValueOrDefault(id);

    public void Remove(UploadSession session)
    {
        sessions.TryRemove(session.Id, out _);
        File.Delete(session.TempFile);
    }
}
