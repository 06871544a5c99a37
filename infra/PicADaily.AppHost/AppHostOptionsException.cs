namespace PicADaily.AppHost;

/// <summary>One or more app host options cannot be used; the message lists each, one per line.</summary>
internal sealed class AppHostOptionsException(IReadOnlyList<string> errors)
    : Exception("Pic-a-Daily did not start: fix these options." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
