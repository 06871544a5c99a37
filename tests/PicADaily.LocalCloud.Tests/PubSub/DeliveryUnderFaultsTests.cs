using PicADaily.LocalCloud.Tests.Support;
using Xunit.Abstractions;


namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class DeliveryUnderFaultsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_messages_with_random_nacks_errors_and_dropped_connections_all_arrive()
    {
        const int count = 10_000;
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        // A fixed schedule of answers, drawn once from a seeded generator and handed out in arrival order:
        // the same mix of faults on every run, and each one counted as it is injected.
        var seeded = new Random(20_261_127);
        var schedule = Enumerable.Range(0, 4 * count).Select(_ => seeded.Next(100) switch
        {
            < 8 => 500,
            < 12 => 429,
            < 15 => -1,
            _ => 204,
        }).ToArray();
        var injected = new FaultCounts();
        var next = -1;
        receiver.Respond = _ =>
        {
            var answer = schedule[Interlocked.Increment(ref next) % schedule.Length];
            injected.Count(answer);
            return answer;
        };
        var ledger = new DeliveryLedger();
        var complete = new TaskCompletionSource();
        receiver.Answered += push =>
        {
            ledger.Record(push);
            if (ledger.Unique >= count)
            {
                complete.TrySetResult();
            }
        };
        var rest = await AckAndRetryTests.PushSubscriptionAsync(cloud, receiver, retry: new { minimumBackoff = "0.01s", maximumBackoff = "0.05s" });
        var payloads = Enumerable.Range(0, count).Select(i => $"message-{i}").ToList();

        await Parallel.ForEachAsync(payloads.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, _) =>
            await rest.PublishOrFailAsync("events", batch.Select(p => PubSubRest.Message(p)).ToArray()));

        await complete.Task.WaitAsync(TimeSpan.FromMinutes(3));
        await AckAndRetryTests.WaitForStatusAsync(cloud, s => s.GetProperty("backlog").GetInt32() == 0 && s.GetProperty("inFlight").GetInt32() == 0);
        output.WriteLine($"unique {ledger.Unique}, duplicates {ledger.Duplicates}, pushes {receiver.Received.Count}, injected {injected}");
        Assert.Equal(count, ledger.Unique);
        Assert.Equal(DeliveryLedger.Checksum(payloads), ledger.Checksum());

        // The faults really happened, and each one cost a redelivery rather than a lost message.
        Assert.True(injected.ServerErrors > 100 && injected.Busy > 100 && injected.Dropped > 100, $"injected {injected}");
        Assert.True(receiver.Received.Count >= count + injected.Total, $"{receiver.Received.Count} pushes for {count} messages and {injected.Total} faults");
        await AckAndRetryTests.WaitForStatusAsync(cloud, s => s.GetProperty("nacked").GetInt64() >= injected.Total);
    }

    /// <summary>How many of each fault the receiver answered with.</summary>
    private sealed class FaultCounts
    {
        private int serverErrors;
        private int busy;
        private int dropped;

        public int ServerErrors => Volatile.Read(ref serverErrors);

        public int Busy => Volatile.Read(ref busy);

        public int Dropped => Volatile.Read(ref dropped);

        public int Total => ServerErrors + Busy + Dropped;

        public void Count(int answer)
        {
            _ = answer switch
            {
                500 => Interlocked.Increment(ref serverErrors),
                429 => Interlocked.Increment(ref busy),
                -1 => Interlocked.Increment(ref dropped),
                _ => 0,
            };
        }

        public override string ToString() => $"500: {ServerErrors}, 429: {Busy}, dropped: {Dropped}";
    }

    [Fact]
    public async Task Messages_accepted_before_a_SIGKILL_are_delivered_after_restart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        await using var receiver = await PushReceiver.StartAsync();
        receiver.Respond = _ => Random.Shared.Next(100) < 20 ? 503 : 204;
        var ledger = new DeliveryLedger();
        receiver.Answered += ledger.Record;
        var accepted = new List<string>();

        var first = await ChildLocalCloud.StartAsync(dataPath);
        var rest = new PubSubRest(new HttpClient { BaseAddress = first.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("sub", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint() },
            retryPolicy = new { minimumBackoff = "0.01s", maximumBackoff = "0.05s" },
        });
        var publishing = PublishUntilFailureAsync(rest, "before", accepted);
        await WaitUntilAsync(() => Count(accepted) >= 1500, TimeSpan.FromSeconds(60));
        await first.KillAsync();
        await publishing;

        await using var second = await ChildLocalCloud.StartAsync(dataPath);
        var restAfter = new PubSubRest(new HttpClient { BaseAddress = second.BaseUri });
        for (var i = 0; i < 10; i++)
        {
            var batch = Enumerable.Range(0, 50).Select(j => $"after-{i}-{j}").ToArray();
            await restAfter.PublishOrFailAsync("events", batch.Select(p => PubSubRest.Message(p)).ToArray());
            lock (accepted)
            {
                accepted.AddRange(batch);
            }
        }

        await WaitUntilAsync(() => accepted.All(ledger.Contains), TimeSpan.FromMinutes(2));
        output.WriteLine($"accepted {accepted.Count}, acked unique {ledger.Unique}, duplicates {ledger.Duplicates}");
        Assert.Equal(DeliveryLedger.Checksum(accepted), DeliveryLedger.Checksum(accepted.Where(ledger.Contains)));
        await second.KillAsync();
    }

    // Publishes batches until the server goes away; a batch counts as accepted only once its response arrived.
    private static async Task PublishUntilFailureAsync(PubSubRest rest, string prefix, List<string> accepted)
    {
        for (var i = 0; ; i++)
        {
            var batch = Enumerable.Range(0, 20).Select(j => $"{prefix}-{i}-{j}").ToArray();
            try
            {
                var response = await rest.PublishAsync("events", batch.Select(p => PubSubRest.Message(p)).ToArray());
                if (!response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                return;
            }

            lock (accepted)
            {
                accepted.AddRange(batch);
            }
        }
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(50);
        }
    }
}
