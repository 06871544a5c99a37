using System.Net;
using System.Text.RegularExpressions;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>Fetches an antiforgery token the way the upload page's script does: from the page's form.</summary>
public static partial class Antiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    /// <summary>Loads /upload with <paramref name="client"/> (which keeps the cookie) and returns the form's token.</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/upload");
        var match = TokenField().Match(html);
        Assert.True(match.Success, "The upload page has no antiforgery token field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
