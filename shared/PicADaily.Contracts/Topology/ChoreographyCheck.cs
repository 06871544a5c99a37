namespace PicADaily.Contracts.Topology;

/// <summary>
/// Holds the three places that say who reacts to what together: a service's registered handlers,
/// its <see cref="ServiceDeclaration.Handles"/> and what its subscriptions deliver
/// (<see cref="TopicTraffic"/>). Each problem is one sentence naming both sides, so whoever reads
/// it knows which line to change.
/// </summary>
public static class ChoreographyCheck
{
    /// <summary>
    /// Problems between the handlers <paramref name="service"/> registers (event type → handler class
    /// name) and the topology. Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> CheckHandlers(Topology topology, string service, IReadOnlyDictionary<string, string> handlerByType)
    {
        var declaration = topology.DeclaredServices.FirstOrDefault(s => s.Name == service);
        if (declaration is null)
        {
            return [$"service '{service}' is not declared in the topology's services (declared: {List(topology.DeclaredServices.Select(s => s.Name))})"];
        }

        var problems = CheckDeclaration(topology, declaration).ToList();
        var delivered = DeliveredBySubscription(topology, service);
        foreach (var (type, handler) in handlerByType.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (!delivered.Any(d => d.Types.Contains(type)))
            {
                problems.Add($"{service}: handler {handler} takes '{type}', but no subscription in the topology delivers it to {service} ({Describe(delivered)})");
            }

            if (!declaration.Handles.Contains(type))
            {
                problems.Add($"{service}: handler {handler} takes '{type}', but the topology's services entry for {service} does not list it in handles");
            }
        }

        foreach (var (subscription, types) in delivered)
        {
            foreach (var type in types.Where(t => !handlerByType.ContainsKey(t)))
            {
                problems.Add($"{service}: subscription '{subscription}' delivers '{type}', but {service} registers no handler for it (handlers: {List(handlerByType.Select(h => $"{h.Key} → {h.Value}"))})");
            }
        }

        return problems;
    }

    /// <summary>Problems between every service's <see cref="ServiceDeclaration.Handles"/> and what its subscriptions deliver.</summary>
    public static IReadOnlyList<string> CheckDeclarations(Topology topology)
    {
        var problems = topology.DeclaredServices.SelectMany(d => CheckDeclaration(topology, d)).ToList();
        var declared = topology.DeclaredServices.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(topology.Subscriptions
            .Where(s => !declared.Contains(s.Service))
            .Select(s => $"subscription '{s.Name}' pushes to service '{s.Service}', which is not declared in the topology's services"));
        return problems;
    }

    private static IEnumerable<string> CheckDeclaration(Topology topology, ServiceDeclaration declaration)
    {
        var service = declaration.Name;
        var delivered = DeliveredBySubscription(topology, service);
        foreach (var type in declaration.Handles.Where(t => !delivered.Any(d => d.Types.Contains(t))))
        {
            yield return $"{service}: the topology says it handles '{type}', but none of its subscriptions delivers it ({Describe(delivered)})";
        }

        foreach (var (subscription, types) in delivered)
        {
            foreach (var type in types.Where(t => !declaration.Handles.Contains(t)))
            {
                yield return $"{service}: subscription '{subscription}' delivers '{type}', but the topology's services entry for {service} does not list it in handles";
            }
        }
    }

    private static List<(string Subscription, IReadOnlyList<string> Types)> DeliveredBySubscription(Topology topology, string service) =>
        topology.Subscriptions.Where(s => s.Service == service).Select(s => (s.Name, TopicTraffic.DeliveredTypes(topology, s))).ToList();

    private static string Describe(List<(string Subscription, IReadOnlyList<string> Types)> delivered) =>
        delivered.Count == 0
            ? "it has no subscriptions"
            : "its subscriptions: " + string.Join("; ", delivered.Select(d => $"{d.Subscription} delivers {List(d.Types)}"));

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";
}
