using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using PicADaily.Contracts.Decoding;

namespace PicADaily.EndToEnd.Tests;

/// <summary>
/// Every event published to a topic (picture-activity unless told otherwise), read through a pull
/// subscription of the test's own and decoded with the same contracts the services use.
/// </summary>
public sealed class ActivityLog
{
    /// <summary>How long to wait before asking again when nothing was published yet.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient pubSub;
    private readonly string subscription;
    private readonly ConcurrentQueue<ActivityEvent> seen = new();
    private readonly ConcurrentQueue<StorageObjectEvent> storageEvents = new();

    private ActivityLog(HttpClient pubSub, string subscription)
    {
        this.pubSub = pubSub;
        this.subscription = subscription;
    }

    /// <summary>Storage notifications seen so far, when subscribed to picture-events.</summary>
    public IReadOnlyCollection<StorageObjectEvent> StorageEvents => storageEvents;

    public static async Task<ActivityLog> SubscribeAsync(HttpClient pubSub, string project, string topic = "picture-activity")
    {
        var subscription = $"projects/{project}/subscriptions/e2e-{topic}-{Guid.NewGuid():N}";
        var response = await pubSub.PutAsJsonAsync($"v1/{subscription}", new { topic = $"projects/{project}/topics/{topic}", ackDeadlineSeconds = 60 });
        response.EnsureSuccessStatusCode();
        return new ActivityLog(pubSub, subscription);
    }

    /// <summary>Waits until an event matching <paramref name="match"/> has been published, or fails after <paramref name="timeout"/>.</summary>
    public async Task<ActivityEvent<T>> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (seen.OfType<ActivityEvent<T>>().FirstOrDefault(e => match(e.Data)) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {typeof(T).Name} matching the condition within {timeout}. Seen: {string.Join(", ", seen.Select(e => $"{e.Type} {e.ObjectName}#{e.ObjectGeneration}"))}");
            }

            await PullAsync();
        }
    }

    /// <summary>Reads everything published so far (for logs whose tests count rather than wait for one event).</summary>
    public async Task CatchUpAsync()
    {
        while (await PullAsync())
        {
        }
    }

    public IEnumerable<ActivityEvent<T>> All<T>()
        where T : class => seen.OfType<ActivityEvent<T>>();

    /// <returns>Whether anything was received.</returns>
    private async Task<bool> PullAsync()
    {
        var response = await pubSub.PostAsJsonAsync($"v1/{subscription}:pull", new { maxMessages = 100, returnImmediately = true });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!document.RootElement.TryGetProperty("receivedMessages", out var received) || received.GetArrayLength() == 0)
        {
            await Task.Delay(PollInterval);
            return false;
        }

        var ackIds = new List<string>();
        foreach (var message in received.EnumerateArray())
        {
            ackIds.Add(message.GetProperty("ackId").GetString()!);
            var envelope = JsonSerializer.SerializeToUtf8Bytes(new { message = message.GetProperty("message"), subscription });
            var decoded = EventDecoder.Decode(new DeliveryRequest([], "application/json", envelope));
            switch (decoded.Event)
            {
                case ActivityEvent activity:
                    seen.Enqueue(activity);
                    break;
                case StorageObjectEvent storage:
                    storageEvents.Enqueue(storage);
                    break;
            }
        }

        (await pubSub.PostAsJsonAsync($"v1/{subscription}:acknowledge", new { ackIds })).EnsureSuccessStatusCode();
        return true;
    }
}
