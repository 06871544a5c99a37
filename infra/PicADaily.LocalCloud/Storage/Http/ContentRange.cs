using System.Globalization;
using System.Text.RegularExpressions;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The <c>Content-Range</c> of a resumable-upload PUT: <c>bytes a-b/T</c>, <c>bytes a-b/*</c>, or a status query <c>bytes */T</c>, <c>bytes */*</c>.</summary>
public sealed partial record ContentRange(long? First, long? Last, long? Total)
{
    public bool IsStatusQuery => First is null;

    public static ContentRange Parse(string header)
    {
        var match = Pattern().Match(header.Trim());
        if (!match.Success)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid Content-Range '{header}': expected 'bytes a-b/total', 'bytes a-b/*' or 'bytes */total'.");
        }

        static long? Number(Group group) => group.Success ? long.Parse(group.Value, CultureInfo.InvariantCulture) : null;
        var range = new ContentRange(Number(match.Groups["first"]), Number(match.Groups["last"]), Number(match.Groups["total"]));
        if (range.First > range.Last || (range.Total is { } total && range.Last >= total))
        {
            throw GoogleErrorException.InvalidArgument($"Invalid Content-Range '{header}'.");
        }

        return range;
    }

    [GeneratedRegex(@"^bytes (?:(?<first>\d{1,18})-(?<last>\d{1,18})|\*)/(?:(?<total>\d{1,18})|\*)$")]
    private static partial Regex Pattern();
}
