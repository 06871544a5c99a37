namespace PicADaily.Contracts.Topology;

/// <summary>The rules a topology must keep, so a mistake fails at load time with the offending name.</summary>
internal static class TopologyValidator
{
    public static void Validate(Topology topology, string source)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(topology.ProjectId))
        {
            errors.Add("projectId is required");
        }

        var topics = new HashSet<string>(topology.Topics, StringComparer.Ordinal);
        var buckets = new HashSet<string>(topology.Buckets, StringComparer.Ordinal);
        foreach (var n in topology.Notifications)
        {
            Require(buckets.Contains(n.Bucket), $"notification of bucket '{n.Bucket}': the bucket is not declared");
            Require(topics.Contains(n.Topic), $"notification of bucket '{n.Bucket}': topic '{n.Topic}' is not declared");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in topology.Subscriptions)
        {
            var what = $"subscription '{s.Name}'";
            Require(!string.IsNullOrWhiteSpace(s.Name) && names.Add(s.Name), $"{what}: name missing or duplicated");
            Require(topics.Contains(s.Topic), $"{what}: topic '{s.Topic}' is not declared");
            Require(!string.IsNullOrWhiteSpace(s.Service), $"{what}: service is required");
            Require(s.Path is not null && s.Path.StartsWith('/'), $"{what}: path must start with '/'");
            Require(s.AckDeadlineSeconds is 0 or (>= 10 and <= 600), $"{what}: ackDeadlineSeconds must be 10–600");
            if (s.DeadLetterPolicy is { } dl)
            {
                Require(topics.Contains(dl.DeadLetterTopic), $"{what}: dead-letter topic '{dl.DeadLetterTopic}' is not declared");
                Require(dl.MaxDeliveryAttempts is >= 5 and <= 100, $"{what}: maxDeliveryAttempts must be 5–100");
            }

            if (s.RetryPolicy is { } retry)
            {
                Require(IsDuration(retry.MinimumBackoff) && IsDuration(retry.MaximumBackoff), $"{what}: retry backoffs must be durations like \"10s\"");
            }

            try
            {
                SubscriptionFilter.EnsureReadable(s.Filter);
            }
            catch (FormatException e)
            {
                errors.Add($"{what}: {e.Message}");
            }
        }

        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in topology.DeclaredServices)
        {
            var what = $"service '{service.Name}'";
            Require(!string.IsNullOrWhiteSpace(service.Name) && services.Add(service.Name), $"{what}: name missing or duplicated");
            foreach (var published in service.Publishes ?? [])
            {
                Require(topics.Contains(published.Topic), $"{what}: publishes to topic '{published.Topic}', which is not declared");
                Require(published.EventTypes.Count > 0, $"{what}: publishes to '{published.Topic}' without event types");
            }
        }

        foreach (var j in topology.Schedules)
        {
            var what = $"schedule '{j.Name}'";
            Require(!string.IsNullOrWhiteSpace(j.Name), $"{what}: name is required");
            Require(topics.Contains(j.Topic), $"{what}: topic '{j.Topic}' is not declared");
            Require(!string.IsNullOrWhiteSpace(j.Schedule), $"{what}: schedule is required");
            Require(!string.IsNullOrEmpty(j.Data) || j.Attributes is { Count: > 0 }, $"{what}: data or attributes must be non-empty");
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{source}: " + string.Join("; ", errors));
        }

        void Require(bool condition, string error)
        {
            if (!condition)
            {
                errors.Add(error);
            }
        }
    }

    private static bool IsDuration(string? text) =>
        text is not null && text.EndsWith('s')
        && double.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds >= 0;
}
