using PicADaily.Contracts.Topology;

namespace PicADaily.Frontend.Flow;

/// <summary>A box of the flow diagram, placed in a column (what it is) and a row.</summary>
public sealed record FlowNode(string Id, string Label, string Detail, int Column, int Row, string Kind)
{
    public double X => FlowDiagram.Margin + (Column * FlowDiagram.ColumnPitch);

    public double Y => FlowDiagram.HeaderHeight + (Row * FlowDiagram.RowPitch);
}

/// <summary>An arrow between two boxes; dashed for the dead-letter path.</summary>
public sealed record FlowEdge(FlowNode From, FlowNode To, bool DeadLetter)
{
    /// <summary>SVG path data: a gentle curve from the right side of one box to the left side of the other.</summary>
    public string PathData
    {
        get
        {
            var x1 = From.X + FlowDiagram.BoxWidth;
            var y1 = From.Y + (FlowDiagram.BoxHeight / 2);
            var x2 = To.X;
            var y2 = To.Y + (FlowDiagram.BoxHeight / 2);
            if (x2 <= x1)
            {
                // Backwards (a subscription's dead letters going to a topic): loop under the boxes.
                var below = Math.Max(From.Y, To.Y) + FlowDiagram.BoxHeight + 14;
                return FormattableString.Invariant($"M {From.X + (FlowDiagram.BoxWidth / 2)} {From.Y + FlowDiagram.BoxHeight} C {From.X} {below}, {To.X + FlowDiagram.BoxWidth} {below}, {To.X + (FlowDiagram.BoxWidth / 2)} {To.Y + FlowDiagram.BoxHeight}");
            }

            var middle = (x1 + x2) / 2;
            return FormattableString.Invariant($"M {x1} {y1} C {middle} {y1}, {middle} {y2}, {x2} {y2}");
        }
    }
}

/// <summary>
/// The choreography of <c>infra/topology.json</c> as columns: bucket → notification (and schedule) →
/// topic → subscription → service → the activity it publishes.
/// </summary>
public sealed class FlowDiagram
{
    public const double Margin = 10;
    public const double HeaderHeight = 40;
    public const double ColumnPitch = 245;
    public const double RowPitch = 54;
    public const double BoxWidth = 225;
    public const double BoxHeight = 40;

    public static readonly IReadOnlyList<string> ColumnTitles = ["Buckets", "Notifications and schedules", "Topics", "Push subscriptions", "Services", "Activity they publish"];

    private FlowDiagram(Topology topology, IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowEdge> edges)
    {
        Topology = topology;
        Nodes = nodes;
        Edges = edges;
    }

    public Topology Topology { get; }

    public IReadOnlyList<FlowNode> Nodes { get; }

    public IReadOnlyList<FlowEdge> Edges { get; }

    public double Width => (Margin * 2) + (ColumnTitles.Count * ColumnPitch);

    public double Height => HeaderHeight + (Math.Max(1, Nodes.Count == 0 ? 1 : Nodes.Max(n => n.Row) + 1) * RowPitch) + 30;

    public static FlowDiagram From(Topology topology)
    {
        var nodes = new List<FlowNode>();
        var edges = new List<FlowEdge>();
        var rows = new int[ColumnTitles.Count];
        FlowNode Add(string id, string label, string detail, int column, string kind)
        {
            var existing = nodes.FirstOrDefault(n => n.Id == id);
            if (existing is not null)
            {
                return existing;
            }

            var node = new FlowNode(id, label, detail, column, rows[column]++, kind);
            nodes.Add(node);
            return node;
        }

        var buckets = topology.Buckets.ToDictionary(b => b, b => Add("bucket:" + b, b, "Cloud Storage bucket", 0, "bucket"));
        var topics = topology.Topics.ToDictionary(t => t, t => Add("topic:" + t, t, "Pub/Sub topic", 2, "topic"));
        FlowNode Topic(string name) => topics.TryGetValue(name, out var node) ? node : topics[name] = Add("topic:" + name, name, "Pub/Sub topic", 2, "topic");

        foreach (var notification in topology.Notifications)
        {
            var events = notification.EventTypes.Count == 0 ? "all events" : string.Join(", ", notification.EventTypes);
            var node = Add($"notification:{notification.Bucket}->{notification.Topic}", "notification", events, 1, "notification");
            var bucket = buckets.TryGetValue(notification.Bucket, out var b) ? b : buckets[notification.Bucket] = Add("bucket:" + notification.Bucket, notification.Bucket, "Cloud Storage bucket", 0, "bucket");
            edges.Add(new FlowEdge(bucket, node, false));
            edges.Add(new FlowEdge(node, Topic(notification.Topic), false));
        }

        foreach (var schedule in topology.Schedules)
        {
            var node = Add("schedule:" + schedule.Name, schedule.Name, $"schedule {schedule.Schedule}", 1, "schedule");
            edges.Add(new FlowEdge(node, Topic(schedule.Topic), false));
        }

        foreach (var subscription in topology.Subscriptions)
        {
            var detail = subscription.Filter is { Length: > 0 } filter ? filter : "every message";
            var node = Add("subscription:" + subscription.Name, subscription.Name, detail, 3, "subscription");
            edges.Add(new FlowEdge(Topic(subscription.Topic), node, false));
            var service = Add("service:" + subscription.Service, subscription.Service, "push to " + subscription.Path, 4, "service");
            edges.Add(new FlowEdge(node, service, false));
            if (subscription.DeadLetterPolicy is { } deadLetter)
            {
                edges.Add(new FlowEdge(node, Topic(deadLetter.DeadLetterTopic), true));
            }
        }

        // What each service publishes comes from its declaration in the topology, the same one it is checked against at start-up.
        foreach (var declaration in topology.DeclaredServices)
        {
            foreach (var published in declaration.Publishes ?? [])
            {
                var service = Add("service:" + declaration.Name, declaration.Name, "publishes only", 4, "service");
                foreach (var eventType in published.EventTypes)
                {
                    var activity = Add("activity:" + eventType, ShortType(eventType), "to " + published.Topic, 5, "activity");
                    edges.Add(new FlowEdge(service, activity, false));
                }
            }
        }

        return new FlowDiagram(topology, nodes, edges);
    }

    private static string ShortType(string eventType) =>
        eventType.StartsWith("dev.picadaily.", StringComparison.Ordinal) ? eventType["dev.picadaily.".Length..] : eventType;
}
