namespace PicADaily.Frontend.Access;

/// <summary>The person behind a request as far as the frontend knows: an identity (or none) and whether it is an admin.</summary>
/// <param name="Identity">An e-mail address vouched for by IAP, or the configured development identity; null when nobody vouched.</param>
/// <param name="IsDevelopmentIdentity">True when <paramref name="Identity"/> is the local stand-in, not a verified person.</param>
public sealed record Viewer(string? Identity, bool IsAdmin, bool IsDevelopmentIdentity)
{
    public static Viewer Anonymous { get; } = new(null, false, false);
}

/// <summary>Where a request's <see cref="Viewer"/> is kept once <see cref="ViewerMiddleware"/> has established it.</summary>
public static class ViewerContext
{
    private static readonly object Key = new();

    public static Viewer GetViewer(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var viewer) && viewer is Viewer known ? known : Viewer.Anonymous;

    public static void SetViewer(this HttpContext context, Viewer viewer) => context.Items[Key] = viewer;
}
