namespace PicADaily.LocalCloud.PubSub.Filtering;

/// <summary>A parsed subscription filter: decides from a message's attributes alone.</summary>
public abstract record FilterExpression
{
    public abstract bool Matches(IReadOnlyDictionary<string, string> attributes);
}

/// <summary><c>attributes:KEY</c></summary>
public sealed record HasAttribute(string Key) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) => attributes.ContainsKey(Key);
}

/// <summary><c>attributes.KEY = "v"</c>; <c>!=</c> is its negation (so it also holds when the key is absent).</summary>
public sealed record AttributeEquals(string Key, string Value) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue(Key, out var actual) && string.Equals(actual, Value, StringComparison.Ordinal);
}

/// <summary><c>hasPrefix(attributes.KEY, "p")</c></summary>
public sealed record AttributeHasPrefix(string Key, string Prefix) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue(Key, out var actual) && actual.StartsWith(Prefix, StringComparison.Ordinal);
}

public sealed record Not(FilterExpression Operand) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) => !Operand.Matches(attributes);
}

public sealed record And(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) => Left.Matches(attributes) && Right.Matches(attributes);
}

public sealed record Or(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Matches(IReadOnlyDictionary<string, string> attributes) => Left.Matches(attributes) || Right.Matches(attributes);
}
