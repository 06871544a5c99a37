using PicADaily.Contracts.Events;
using PicADaily.Contracts.Topology;

namespace PicADaily.Contracts.Tests.Topology;

public sealed class ChoreographyCheckTests
{
    private static readonly Contracts.Topology.Topology Declared = DeclaredTopology.Load();

    private static readonly Dictionary<string, string> GarbageCollectionHandlers = new()
    {
        [EventTypes.Storage.Deleted] = "PictureDeletedHandler",
        [EventTypes.PicADaily.PictureRejected] = "PictureRejectedHandler",
    };

    [Fact]
    public void The_embedded_topology_declares_every_service_consistently()
    {
        Assert.Equal(["collage", "frontend", "garbage-collection", "image-analysis", "thumbnail"], Declared.DeclaredServices.Select(s => s.Name).Order());
        Assert.Empty(ChoreographyCheck.CheckDeclarations(Declared));
    }

    [Fact]
    public void Matching_handlers_pass()
    {
        Assert.Empty(ChoreographyCheck.CheckHandlers(Declared, "garbage-collection", GarbageCollectionHandlers));
    }

    [Fact]
    public void A_removed_handler_is_named_with_the_subscription_that_still_delivers_its_type()
    {
        var handlers = new Dictionary<string, string>(GarbageCollectionHandlers);
        handlers.Remove(EventTypes.PicADaily.PictureRejected);

        var problem = Assert.Single(ChoreographyCheck.CheckHandlers(Declared, "garbage-collection", handlers), p => p.Contains("registers no handler", StringComparison.Ordinal));

        Assert.Contains("garbage-collection-picture-activity", problem, StringComparison.Ordinal);
        Assert.Contains(EventTypes.PicADaily.PictureRejected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_subscription_is_named_with_the_handler_it_fed()
    {
        var topology = Declared with { Subscriptions = Declared.Subscriptions.Where(s => s.Name != "garbage-collection-picture-activity").ToList() };

        var problems = ChoreographyCheck.CheckHandlers(topology, "garbage-collection", GarbageCollectionHandlers);

        Assert.Contains(problems, p => p.Contains("handler PictureRejectedHandler", StringComparison.Ordinal)
            && p.Contains(EventTypes.PicADaily.PictureRejected, StringComparison.Ordinal)
            && p.Contains("garbage-collection-picture-events", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undeclared_service_is_refused()
    {
        var problem = Assert.Single(ChoreographyCheck.CheckHandlers(Declared, "mystery", GarbageCollectionHandlers));

        Assert.Contains("'mystery' is not declared", problem, StringComparison.Ordinal);
    }
}
