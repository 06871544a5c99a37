using System.Globalization;
using PicADaily.Contracts.Topology;

namespace PicADaily.Provisioner;

/// <summary>
/// The topology as tab-separated lines, one per resource, for infra/gcp/deploy.sh and teardown.sh:
/// the scripts read it with bash's <c>read</c> instead of parsing the JSON a second way. An empty
/// field is written <c>-</c>, because <c>read</c> merges consecutive tabs.
/// </summary>
public static class TopologyRecords
{
    public static IEnumerable<string> Of(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        foreach (var bucket in topology.Buckets)
        {
            yield return Line("bucket", bucket);
        }

        foreach (var topic in topology.Topics)
        {
            yield return Line("topic", topic);
        }

        foreach (var s in topology.Subscriptions)
        {
            yield return Line(
                "subscription", s.Name, s.Topic, s.Service, s.Path,
                s.AckDeadlineSeconds == 0 ? null : s.AckDeadlineSeconds.ToString(CultureInfo.InvariantCulture),
                s.RetryPolicy?.MinimumBackoff, s.RetryPolicy?.MaximumBackoff,
                s.DeadLetterPolicy?.DeadLetterTopic, s.DeadLetterPolicy?.MaxDeliveryAttempts.ToString(CultureInfo.InvariantCulture),
                s.Filter);
        }

        foreach (var n in topology.Notifications)
        {
            yield return Line("notification", n.Bucket, n.Topic, string.Join(',', n.EventTypes), n.PayloadFormat);
        }

        foreach (var job in topology.Schedules)
        {
            var attributes = string.Join(',', (job.Attributes ?? new Dictionary<string, string>()).Select(a => a.Key + "=" + a.Value));
            yield return Line("schedule", job.Name, job.Schedule, job.TimeZone, job.Topic, job.Data, attributes);
        }
    }

    private static string Line(params string?[] fields)
    {
        foreach (var field in fields)
        {
            // A tab or line break inside a value would shift every field after it in the script.
            if (field is not null && field.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
            {
                throw new InvalidDataException($"'{field}' contains a tab or line break, which the deploy scripts' records cannot carry.");
            }
        }

        return string.Join('\t', fields.Select(f => string.IsNullOrEmpty(f) ? "-" : f));
    }
}
