using System.Text.RegularExpressions;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>Pub/Sub resource names: <c>projects/{p}/topics/{t}</c> and <c>projects/{p}/subscriptions/{s}</c>.</summary>
public static partial class ResourceNames
{
    public static string Topic(string project, string topic) => $"projects/{project}/topics/{topic}";

    public static string Subscription(string project, string subscription) => $"projects/{project}/subscriptions/{subscription}";

    public static GoogleErrorException NotFound(string resource) => GoogleErrorException.NotFound($"Resource not found (resource={resource}).");

    /// <summary>Checks an id the way Pub/Sub does: a letter first, 3–255 of <c>[A-Za-z0-9-_.~+%]</c>, not <c>goog…</c>.</summary>
    public static void ValidateId(string kind, string id)
    {
        if (!IdPattern().IsMatch(id) || id.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
        {
            throw GoogleErrorException.InvalidArgument(
                $"Invalid {kind} id '{id}': it must start with a letter, be 3–255 characters of [A-Za-z0-9-_.~+%] and not start with 'goog'.");
        }
    }

    /// <summary>Splits a full name; throws INVALID_ARGUMENT when it is not of the expected collection.</summary>
    public static (string Project, string Id) Parse(string name, string collection)
    {
        var parts = name.Split('/');
        if (parts.Length != 4 || parts[0] != "projects" || parts[2] != collection || parts[1].Length == 0)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid resource name '{name}': expected projects/{{project}}/{collection}/{{id}}.");
        }

        ValidateId(collection.TrimEnd('s'), parts[3]);
        return (parts[1], parts[3]);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9\\-_.~+%]{2,254}$")]
    private static partial Regex IdPattern();
}
