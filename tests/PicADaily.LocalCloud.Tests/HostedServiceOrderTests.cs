using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Storage.Notifications;
using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests;

/// <summary>
/// After a restart, the storage outbox publishes the notifications it kept. If it ran before Pub/Sub
/// had resumed from disk, a publish could find the topic loaded but not yet its subscriptions, and the
/// message was dropped as one with no subscription (a FINALIZE lost: the picture never analysed). The
/// host starts its hosted services one after another in registration order, so Pub/Sub's must come first.
/// </summary>
public sealed class HostedServiceOrderTests
{
    [Fact]
    public async Task Pub_sub_resumes_from_disk_before_the_storage_outbox_publishes()
    {
        await using var cloud = await TestLocalCloud.StartAsync();

        var order = cloud.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        var pubSub = order.IndexOf(typeof(PubSubHostedService));
        Assert.True(pubSub >= 0, "Pub/Sub has no hosted service");
        Assert.True(pubSub < order.IndexOf(typeof(OutboxDispatcher)), "the outbox starts publishing before Pub/Sub has resumed");
    }
}
