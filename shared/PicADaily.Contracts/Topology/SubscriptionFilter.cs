using System.Text.RegularExpressions;

namespace PicADaily.Contracts.Topology;

/// <summary>
/// Reads a subscription's attribute filter well enough to tell which declared messages it lets
/// through: terms joined by <c>OR</c> and <c>AND</c> (AND binds tighter, no parentheses), each
/// <c>attributes.KEY = "v"</c>, <c>attributes.KEY != "v"</c>, <c>attributes:KEY</c> or
/// <c>hasPrefix(attributes.KEY, "p")</c>, optionally preceded by <c>NOT</c>. Anything else is refused
/// at load time, so a filter the check cannot read never passes it unread.
/// </summary>
public static partial class SubscriptionFilter
{
    /// <summary>Whether a message with these attributes passes <paramref name="filter"/> (no filter passes everything).</summary>
    /// <exception cref="FormatException">The filter uses syntax this reader does not know.</exception>
    public static bool Matches(string? filter, IReadOnlyDictionary<string, string> attributes)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        return Split(filter, "OR").Any(any => Split(any, "AND").All(term => MatchesTerm(term, attributes, filter)));
    }

    /// <summary>Throws when <paramref name="filter"/> cannot be read; see <see cref="Matches"/>.</summary>
    public static void EnsureReadable(string? filter) => Matches(filter, new Dictionary<string, string>());

    private static IEnumerable<string> Split(string text, string keyword) =>
        Regex.Split(text, $@"\s+{keyword}\s+", RegexOptions.CultureInvariant).Select(part => part.Trim());

    private static bool MatchesTerm(string term, IReadOnlyDictionary<string, string> attributes, string filter)
    {
        var negated = term.StartsWith("NOT ", StringComparison.Ordinal);
        var body = negated ? term[4..].Trim() : term;
        bool result;
        if (EqualsTerm().Match(body) is { Success: true } equals)
        {
            var same = attributes.TryGetValue(equals.Groups["key"].Value, out var actual) && actual == equals.Groups["value"].Value;
            result = equals.Groups["op"].Value == "=" ? same : !same;
        }
        else if (HasKeyTerm().Match(body) is { Success: true } hasKey)
        {
            result = attributes.ContainsKey(hasKey.Groups["key"].Value);
        }
        else if (PrefixTerm().Match(body) is { Success: true } prefix)
        {
            result = attributes.TryGetValue(prefix.Groups["key"].Value, out var actual) && actual.StartsWith(prefix.Groups["value"].Value, StringComparison.Ordinal);
        }
        else
        {
            throw new FormatException($"filter '{filter}': cannot read the term '{term}'");
        }

        return negated ? !result : result;
    }

    [GeneratedRegex(@"^attributes\.(?<key>[\w\-.]+)\s*(?<op>!?=)\s*""(?<value>[^""]*)""$", RegexOptions.CultureInvariant)]
    private static partial Regex EqualsTerm();

    [GeneratedRegex(@"^attributes:(?<key>[\w\-.]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HasKeyTerm();

    [GeneratedRegex(@"^hasPrefix\(\s*attributes\.(?<key>[\w\-.]+)\s*,\s*""(?<value>[^""]*)""\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixTerm();
}
