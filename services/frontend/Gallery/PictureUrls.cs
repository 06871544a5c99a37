namespace PicADaily.Frontend.Gallery;

/// <summary>
/// Links to a picture's page and images. Object names contain '/', so each segment is escaped on
/// its own and the routes take the rest of the path (<c>{**name}</c>).
/// </summary>
public static class PictureUrls
{
    public static string Page(string name) => "/pictures/" + EscapePath(name);

    public static string Image(string name) => "/api/images/" + EscapePath(name);

    public static string Thumbnail(string name) => "/api/thumbnails/" + EscapePath(name);

    /// <summary>
    /// The thumbnail cut from <paramref name="generation"/>: a URL that changes when the picture is
    /// replaced, so a browser may keep what it fetched (see <c>PictureApi</c>).
    /// </summary>
    public static string Thumbnail(string name, long generation) =>
        Thumbnail(name) + "?generation=" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Api(string name) => "/api/pictures/" + EscapePath(name);

    public static string Gallery(string? label, string? pageToken = null) => "/" + Query(("label", label), ("pageToken", pageToken));

    /// <summary>The gallery grid alone, for the live refresh.</summary>
    public static string GalleryGrid(string? label, string? pageToken) => "/" + Query(("handler", "Grid"), ("label", label), ("pageToken", pageToken));

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    public static string EscapePath(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
}
