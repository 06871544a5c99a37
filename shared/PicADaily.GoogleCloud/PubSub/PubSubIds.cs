using System.Text.RegularExpressions;

namespace PicADaily.GoogleCloud.PubSub;

/// <summary>Pub/Sub's rule for topic and subscription ids, checked before a request is sent.</summary>
internal static partial class PubSubIds
{
    public static string Check(string id, string what)
    {
        if (id is null || !ValidId().IsMatch(id) || id.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{id}' is not a valid Pub/Sub {what} id: 3–255 characters from [A-Za-z0-9-_.~+%], starting with a letter, not with 'goog'.", what);
        }
        return id;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9\\-_.~+%]{2,254}$")]
    private static partial Regex ValidId();
}
