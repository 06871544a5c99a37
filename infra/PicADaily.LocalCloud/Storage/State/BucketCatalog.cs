using System.Text.RegularExpressions;

namespace PicADaily.LocalCloud.Storage.State;

/// <summary>Buckets and their notification configs: the JSON API's bucket and notificationConfigs calls, and <see cref="IBucketProvisioner"/> for the topology.</summary>
public sealed partial class BucketCatalog(StoragePaths paths, StorageIndex index, StorageMutex mutex, TimeProvider time) : IBucketProvisioner
{
    private const string NotificationCounter = "notification";

    public BucketRecord? Get(string bucket)
    {
        using var session = index.Open();
        return session.GetBucket(bucket);
    }

    public IReadOnlyList<BucketRecord> List()
    {
        using var session = index.Open();
        return session.ListBuckets();
    }

    public async Task<BucketRecord> CreateAsync(string bucket, string project, CancellationToken cancellationToken)
    {
        BucketName.EnsureValid(bucket);
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        if (session.GetBucket(bucket) is not null)
        {
            throw GoogleErrorException.AlreadyExists($"The bucket '{bucket}' already exists.");
        }

        var record = new BucketRecord(bucket, project, 1, time.GetUtcNow());
        session.InsertBucket(record);
        Directory.CreateDirectory(paths.BucketFolder(bucket));
        session.Commit();
        return record;
    }

    public async Task EnsureBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        BucketName.EnsureValid(bucket);
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        if (session.GetBucket(bucket) is null)
        {
            session.InsertBucket(new BucketRecord(bucket, "", 1, time.GetUtcNow()));
        }

        Directory.CreateDirectory(paths.BucketFolder(bucket));
        session.Commit();
    }

    public async Task DeleteAsync(string bucket, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        if (session.GetBucket(bucket) is null)
        {
            throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
        }

        var folder = paths.BucketFolder(bucket);
        if (session.HasObjects(bucket) || (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any()))
        {
            throw GoogleErrorException.AlreadyExists($"The bucket you tried to delete is not empty: {bucket}.");
        }

        session.DeleteBucket(bucket);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        session.Commit();
    }

    public IReadOnlyList<NotificationConfig> ListNotifications(string bucket)
    {
        using var session = index.Open();
        RequireBucket(session, bucket);
        return session.ListNotifications(bucket);
    }

    public NotificationConfig GetNotification(string bucket, long id) =>
        ListNotifications(bucket).FirstOrDefault(n => n.Id == id)
        ?? throw GoogleErrorException.NotFound($"Notification config {id} not found in bucket {bucket}.");

    /// <param name="topic">Either <c>projects/p/topics/t</c> or <c>//pubsub.googleapis.com/projects/p/topics/t</c>.</param>
    public async Task<NotificationConfig> CreateNotificationAsync(string bucket, string topic, string payloadFormat, IReadOnlyList<string> eventTypes,
        string? objectNamePrefix, IReadOnlyDictionary<string, string> customAttributes, CancellationToken cancellationToken)
    {
        var shortTopic = NormalizeTopic(topic);
        ValidateFormat(payloadFormat, eventTypes);
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        var config = Insert(session, bucket, shortTopic, payloadFormat, eventTypes, objectNamePrefix, customAttributes);
        session.Commit();
        return config;
    }

    public async Task DeleteNotificationAsync(string bucket, long id, CancellationToken cancellationToken)
    {
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        if (!session.DeleteNotification(bucket, id))
        {
            throw GoogleErrorException.NotFound($"Notification config {id} not found in bucket {bucket}.");
        }

        session.BumpBucketMetageneration(bucket);
        session.Commit();
    }

    public async Task EnsureNotificationAsync(string bucket, string topic, IReadOnlyList<string> eventTypes, string payloadFormat, CancellationToken cancellationToken)
    {
        var shortTopic = NormalizeTopic(topic);
        ValidateFormat(payloadFormat, eventTypes);
        using var held = await mutex.EnterAsync(cancellationToken);
        using var session = index.Begin();
        RequireBucket(session, bucket);
        var exists = session.ListNotifications(bucket).Any(n =>
            n.Topic == shortTopic && n.PayloadFormat == payloadFormat && string.IsNullOrEmpty(n.ObjectNamePrefix)
            && n.CustomAttributes.Count == 0 && n.EventTypes.ToHashSet().SetEquals(eventTypes));
        if (!exists)
        {
            Insert(session, bucket, shortTopic, payloadFormat, eventTypes, null, new Dictionary<string, string>());
            session.Commit();
        }
    }

    public static string NormalizeTopic(string topic)
    {
        const string Prefix = "//pubsub.googleapis.com/";
        var shortForm = topic.StartsWith(Prefix, StringComparison.Ordinal) ? topic[Prefix.Length..] : topic;
        return TopicPattern().IsMatch(shortForm)
            ? shortForm
            : throw GoogleErrorException.InvalidArgument($"Invalid topic '{topic}': expected projects/{{project}}/topics/{{topic}} or //pubsub.googleapis.com/projects/{{project}}/topics/{{topic}}.");
    }

    private NotificationConfig Insert(IndexSession session, string bucket, string topic, string payloadFormat, IReadOnlyList<string> eventTypes,
        string? prefix, IReadOnlyDictionary<string, string> customAttributes)
    {
        var id = session.GetCounter(NotificationCounter) + 1;
        session.SetCounter(NotificationCounter, id);
        var config = new NotificationConfig(bucket, id, topic, payloadFormat, eventTypes, string.IsNullOrEmpty(prefix) ? null : prefix, customAttributes);
        session.InsertNotification(config);
        session.BumpBucketMetageneration(bucket);
        return config;
    }

    private static void ValidateFormat(string payloadFormat, IReadOnlyList<string> eventTypes)
    {
        if (payloadFormat is not ("JSON_API_V1" or "NONE"))
        {
            throw GoogleErrorException.InvalidArgument($"Invalid payload_format '{payloadFormat}': use JSON_API_V1 or NONE.");
        }

        var unknown = eventTypes.FirstOrDefault(e => !NotificationOutbox.EventTypes.Contains(e));
        if (unknown is not null)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid event type '{unknown}': use {string.Join(", ", NotificationOutbox.EventTypes)}.");
        }
    }

    private static void RequireBucket(IndexSession session, string bucket)
    {
        if (session.GetBucket(bucket) is null)
        {
            throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
        }
    }

    [GeneratedRegex("^projects/[^/]+/topics/[^/]+$")]
    private static partial Regex TopicPattern();
}
