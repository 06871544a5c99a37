using System.Net;
using Google;
using Google.Apis.Storage.v1.Data;
using Google.Cloud.Storage.V1;
using PicADaily.Contracts.Topology;

namespace PicADaily.Provisioner;

/// <summary>Buckets (private: uniform access, public access prevented) and their Pub/Sub notification configs.</summary>
internal sealed class StorageProvisioner(StorageClient storage, string projectId, ProvisioningSettings settings)
{
    private const string PubSubPrefix = "//pubsub.googleapis.com/";

    public async Task ApplyAsync(Topology topology, ProvisioningReport report, CancellationToken cancellationToken)
    {
        foreach (var declared in topology.Buckets)
        {
            await EnsureBucketAsync(settings.BucketName(declared), report, cancellationToken);
        }

        if (settings.SkipNotifications)
        {
            return;
        }

        foreach (var notification in topology.Notifications)
        {
            await EnsureNotificationAsync(notification, report, cancellationToken);
        }
    }

    private async Task EnsureBucketAsync(string name, ProvisioningReport report, CancellationToken cancellationToken)
    {
        try
        {
            await storage.GetBucketAsync(name, cancellationToken: cancellationToken);
            report.Kept($"bucket {name}");
            return;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // Create it below.
        }

        await storage.CreateBucketAsync(projectId, new Bucket
        {
            Name = name,
            Location = settings.BucketLocation,
            IamConfiguration = new Bucket.IamConfigurationData
            {
                UniformBucketLevelAccess = new Bucket.IamConfigurationData.UniformBucketLevelAccessData { Enabled = true },
                PublicAccessPrevention = "enforced",
            },
        }, cancellationToken: cancellationToken);
        report.Changed($"created bucket {name}");
    }

    private async Task EnsureNotificationAsync(BucketNotification declared, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var bucket = settings.BucketName(declared.Bucket);
        var topic = $"projects/{projectId}/topics/{declared.Topic}";
        var existing = (await storage.ListNotificationsAsync(bucket, cancellationToken: cancellationToken))
            .Where(n => ShortTopic(n.Topic) == topic)
            .ToList();
        var what = $"notification {bucket} → {declared.Topic} ({string.Join(",", declared.EventTypes)})";
        if (existing.Any(n => Matches(n, declared)))
        {
            report.Kept(what);
            return;
        }

        if (existing.Count > 0)
        {
            // Notification configs cannot be updated; a second one would publish every event twice.
            report.Problem($"{what}: bucket {bucket} already notifies {declared.Topic} with other settings (config {existing[0].Id}); delete it and run again");
            return;
        }

        await storage.CreateNotificationAsync(bucket, new Notification
        {
            Topic = settings.ShortNotificationTopics ? topic : PubSubPrefix + topic,
            EventTypes = declared.EventTypes.ToList(),
            PayloadFormat = declared.PayloadFormat,
        }, cancellationToken: cancellationToken);
        report.Changed($"created {what}");
    }

    private static string ShortTopic(string? topic) =>
        topic is null ? "" : topic.StartsWith(PubSubPrefix, StringComparison.Ordinal) ? topic[PubSubPrefix.Length..] : topic;

    private static bool Matches(Notification live, BucketNotification declared) =>
        string.Equals(live.PayloadFormat ?? "JSON_API_V1", declared.PayloadFormat, StringComparison.Ordinal)
        && (live.EventTypes ?? []).Order(StringComparer.Ordinal).SequenceEqual(declared.EventTypes.Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && string.IsNullOrEmpty(live.ObjectNamePrefix);
}
