using System.Text;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// A field path (<c>a.b</c>, <c>meta.`x-y`</c>) as its segments. <see cref="Canonical"/> is the one
/// spelling used as an index key, so <c>`a`.b</c> and <c>a.b</c> name the same field.
/// </summary>
public sealed class FieldPath
{
    public const string DocumentName = "__name__";

    private FieldPath(IReadOnlyList<string> segments)
    {
        Segments = segments;
        Canonical = string.Join('.', segments.Select(Quote));
    }

    public IReadOnlyList<string> Segments { get; }

    public string Canonical { get; }

    public bool IsDocumentName => Segments.Count == 1 && Segments[0] == DocumentName;

    public static FieldPath FromSegments(IReadOnlyList<string> segments) => new(segments);

    public static FieldPath Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw GoogleErrorException.InvalidArgument("A field path must not be empty.");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '`')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw GoogleErrorException.InvalidArgument($"Invalid field path \"{text}\": unterminated backtick.");
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        current.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (text[i] == '`')
                    {
                        i++;
                        break;
                    }

                    current.Append(text[i++]);
                }
            }
            else if (text[i] == '.')
            {
                AddSegment(text, segments, current);
                i++;
            }
            else
            {
                current.Append(text[i++]);
            }
        }

        AddSegment(text, segments, current);
        return new FieldPath(segments);
    }

    /// <returns>The value at this path inside a document's fields, or null when any part is missing.</returns>
    public JsonObject? Find(JsonObject fields)
    {
        JsonObject? current = fields;
        for (var i = 0; i < Segments.Count; i++)
        {
            if (current is null || current[Segments[i]] is not JsonObject value)
            {
                return null;
            }

            if (i == Segments.Count - 1)
            {
                return value;
            }

            current = value["mapValue"]?["fields"] as JsonObject;
        }

        return null;
    }

    /// <summary>Sets the value at this path, creating or replacing intermediate maps.</summary>
    public void Set(JsonObject fields, JsonObject value)
    {
        var current = fields;
        for (var i = 0; i < Segments.Count - 1; i++)
        {
            if (current[Segments[i]] is not JsonObject { } node || node["mapValue"] is not JsonObject map)
            {
                map = new JsonObject();
                current[Segments[i]] = new JsonObject { ["mapValue"] = map };
            }

            if (map["fields"] is not JsonObject inner)
            {
                inner = new JsonObject();
                map["fields"] = inner;
            }

            current = inner;
        }

        current[Segments[^1]] = value;
    }

    public void Remove(JsonObject fields)
    {
        var current = fields;
        for (var i = 0; i < Segments.Count - 1; i++)
        {
            if (current[Segments[i]]?["mapValue"]?["fields"] is not JsonObject inner)
            {
                return;
            }

            current = inner;
        }

        current.Remove(Segments[^1]);
    }

    /// <summary>True when this path equals <paramref name="other"/> or lies inside it.</summary>
    public bool IsWithin(FieldPath other) =>
        other.Segments.Count <= Segments.Count && other.Segments.Select((s, i) => s == Segments[i]).All(same => same);

    public override string ToString() => Canonical;

    private static void AddSegment(string text, List<string> segments, StringBuilder current)
    {
        if (current.Length == 0)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid field path \"{text}\": empty segment.");
        }

        segments.Add(current.ToString());
        current.Clear();
    }

    private static string Quote(string segment)
    {
        var simple = segment.Length > 0
            && (char.IsAsciiLetter(segment[0]) || segment[0] == '_')
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? segment : "`" + segment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`";
    }
}
