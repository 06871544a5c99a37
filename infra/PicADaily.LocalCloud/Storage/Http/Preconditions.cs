namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The <c>if(Meta)Generation(Not)Match</c> query parameters; <c>ifGenerationMatch=0</c> means "must not exist".</summary>
public sealed record Preconditions(long? IfGenerationMatch, long? IfGenerationNotMatch, long? IfMetagenerationMatch, long? IfMetagenerationNotMatch)
{
    public static readonly Preconditions None = new(null, null, null, null);

    public static Preconditions FromQuery(IQueryCollection query) => new(
        Long(query, "ifGenerationMatch"),
        Long(query, "ifGenerationNotMatch"),
        Long(query, "ifMetagenerationMatch"),
        Long(query, "ifMetagenerationNotMatch"));

    /// <summary>Throws 412 when the live object (null = none) does not satisfy the conditions.</summary>
    public void Check(StoredObject? live)
    {
        var generation = live?.Generation ?? 0;
        if (IfGenerationMatch is { } match && match != generation)
        {
            throw GoogleErrorException.PreconditionFailed(match == 0
                ? "At least one of the pre-conditions you specified did not hold: the object already exists (ifGenerationMatch=0)."
                : $"At least one of the pre-conditions you specified did not hold: ifGenerationMatch={match}, live generation is {generation}.");
        }

        if (IfGenerationNotMatch is { } notMatch && notMatch == generation)
        {
            throw GoogleErrorException.PreconditionFailed($"At least one of the pre-conditions you specified did not hold: ifGenerationNotMatch={notMatch}.");
        }

        if (IfMetagenerationMatch is { } metaMatch && (live is null || live.Metageneration != metaMatch))
        {
            throw GoogleErrorException.PreconditionFailed($"At least one of the pre-conditions you specified did not hold: ifMetagenerationMatch={metaMatch}, live metageneration is {live?.Metageneration.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
        }

        if (IfMetagenerationNotMatch is { } metaNotMatch && live is not null && live.Metageneration == metaNotMatch)
        {
            throw GoogleErrorException.PreconditionFailed($"At least one of the pre-conditions you specified did not hold: ifMetagenerationNotMatch={metaNotMatch}.");
        }
    }

    internal static long? Long(IQueryCollection query, string key)
    {
        var text = query[key].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw GoogleErrorException.InvalidArgument($"Query parameter '{key}' must be a non-negative integer, got '{text}'.");
    }
}
