using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Xunit.Sdk;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// Runs a scenario (a table of calls, in order) against LocalCloud and against a Google emulator, and fails
/// with one report naming every call whose status, Google error <c>status</c> or normalised body differ,
/// except the <see cref="KnownDifference"/>s, which must still differ.
/// </summary>
public static class DifferentialRunner
{
    // Shows "<message>" as written, not as \u003C escapes.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task RunAsync(Target local, Target reference, string project, IReadOnlyList<Call> calls, IReadOnlyList<KnownDifference> known)
    {
        var unknownCalls = known.Select(k => k.Call).Except(calls.Select(c => c.Name)).ToList();
        Assert.True(unknownCalls.Count == 0, $"Known differences name calls the scenario lacks: {string.Join(", ", unknownCalls)}");
        var localValues = Placeholders(project);
        var referenceValues = Placeholders(project);
        var report = new StringBuilder();
        foreach (var call in calls)
        {
            var ours = await SendAsync(local, call, localValues);
            var theirs = await SendAsync(reference, call, referenceValues);
            var problem = Compare(call, ours, theirs, [.. known.Where(k => k.Call == call.Name)]);
            if (problem is not null)
            {
                report.AppendLine(problem);
            }
        }

        if (report.Length > 0)
        {
            throw new XunitException(
                $"LocalCloud differs from the {reference.Name} (fix LocalCloud, or list the difference with its reason "
                + $"in the test and in infra/PicADaily.LocalCloud/README.md):\n{report}");
        }
    }

    private static Dictionary<string, string> Placeholders(string project) => new()
    {
        ["p"] = project,
        ["db"] = $"projects/{project}/databases/(default)/documents",
    };

    private static string? Compare(Call call, Answer ours, Answer theirs, IReadOnlyList<KnownDifference> known)
    {
        var sameStatus = ours.Status == theirs.Status;
        if (known.Any(k => k.Path == KnownDifference.Everything))
        {
            return sameStatus && JsonNode.DeepEquals(ours.Body, theirs.Body)
                ? $"- {call.Name}: listed as a known difference, but both now answer {Show(ours)}. Remove it from the list and the README."
                : null;
        }

        var oursBody = ours.Body?.DeepClone();
        var theirsBody = theirs.Body?.DeepClone();
        foreach (var difference in known)
        {
            var (oursValue, theirsValue) = (Remove(oursBody, difference.Path), Remove(theirsBody, difference.Path));
            if (JsonNode.DeepEquals(oursValue, theirsValue))
            {
                return $"- {call.Name}: listed as differing at {difference.Path}, but both answer {oursValue?.ToJsonString(Readable) ?? "nothing"} there. Remove it from the list and the README.";
            }
        }

        return sameStatus && JsonNode.DeepEquals(oursBody, theirsBody)
            ? null
            : $"- {call.Name} ({call.Method} {call.Path})\n    LocalCloud: {Show(ours.Status, oursBody)}\n    {(theirs.Target)}: {Show(theirs.Status, theirsBody)}";
    }

    private static string Show(Answer answer) => Show(answer.Status, answer.Body);

    private static string Show(int status, JsonNode? body) => $"{status} {body?.ToJsonString(Readable) ?? "(empty)"}";

    // Detaches the node at a dotted path and returns it (null when absent).
    private static JsonNode? Remove(JsonNode? root, string path)
    {
        var steps = path.Split('.');
        var parent = root;
        foreach (var step in steps[..^1])
        {
            parent = parent is JsonArray array && int.TryParse(step, out var i) && i < array.Count ? array[i] : (parent as JsonObject)?[step];
        }

        var last = steps[^1];
        if (parent is JsonObject obj && obj.TryGetPropertyValue(last, out var value))
        {
            obj.Remove(last);
            return value;
        }

        if (parent is JsonArray list && int.TryParse(last, out var index) && index < list.Count)
        {
            var item = list[index];
            list[index] = null;
            return item;
        }

        return null;
    }

    private static async Task<Answer> SendAsync(Target target, Call call, Dictionary<string, string> values)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), Substitute(call.Path, values, escape: true));
        // The Firestore emulator's admin token; LocalCloud and the Pub/Sub emulator accept or ignore it.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "owner");
        if (call.Body is not null)
        {
            request.Content = new StringContent(Substitute(call.Body, values, escape: false), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await target.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var raw = TryParse(text);
        foreach (var capture in call.Captures)
        {
            var (name, path) = (capture[..capture.IndexOf('=', StringComparison.Ordinal)], capture[(capture.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            values[name] = Find(raw, path) ?? throw new XunitException($"{call.Name}: {target.Name} answered no {path} to capture: {(int)response.StatusCode} {text}");
        }

        return new Answer(target.Name, (int)response.StatusCode, ResponseNormalizer.Normalize(text));
    }

    private static string Substitute(string text, Dictionary<string, string> values, bool escape)
    {
        foreach (var (name, value) in values)
        {
            // Built-in placeholders are paths; captured values (tokens, times) go into query strings.
            var inserted = escape && name is not ("p" or "db") ? Uri.EscapeDataString(value) : value;
            text = text.Replace("{" + name + "}", inserted, StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Find(JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node is JsonArray array && int.TryParse(step, out var i) ? (i < array.Count ? array[i] : null) : (node as JsonObject)?[step];
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private sealed record Answer(string Target, int Status, JsonNode? Body);
}
