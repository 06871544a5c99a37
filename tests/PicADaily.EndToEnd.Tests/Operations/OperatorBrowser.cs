using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PicADaily.EndToEnd.Tests.Operations;

/// <summary>
/// What a test reads of the real frontend over HTTP as an admin: the dead letters <c>/operations</c>
/// lists (each with the antiforgery token of its Replay form) and a picture's details from
/// <c>GET /api/pictures/{name}</c>. The Replay click itself is made in chromium.
/// </summary>
public sealed partial class OperatorBrowser(Uri frontend) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = frontend };

    /// <summary>One dead letter as the page lists it, with the token of its form.</summary>
    /// <param name="Text">What the row says about it, e.g. "x.jpg generation 17, after 5 attempts".</param>
    /// <param name="Replayed">What the row says about its replay, or null when it was never replayed.</param>
    public sealed record DeadLetterRow(string Id, string Text, string? Replayed, string Token);

    public sealed record TimelineItem(string Kind, string Service, long Generation);

    public sealed record PictureView(bool Visible, IReadOnlyList<TimelineItem> Timeline);

    /// <summary>The picture as the API shows it; an unknown picture is invisible with an empty timeline.</summary>
    public async Task<PictureView> DetailsAsync(string name)
    {
        using var response = await http.GetAsync(new Uri("api/pictures/" + name, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new PictureView(false, []);
        }

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var timeline = json.GetProperty("timeline").EnumerateArray()
            .Select(e => new TimelineItem(e.GetProperty("kind").GetString()!, e.GetProperty("service").GetString()!, e.GetProperty("generation").GetInt64()))
            .ToList();
        return new PictureView(json.GetProperty("visible").GetBoolean(), timeline);
    }

    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(string name) => (await DetailsAsync(name)).Timeline;

    /// <summary>The row of <c>/operations</c> that lists the dead letter of this picture generation (exactly one).</summary>
    public async Task<DeadLetterRow> DeadLetterAsync(string name, long generation)
    {
        var html = await PageAsync("operations");
        var rows = DeadLetterRows().Matches(html)
            .Where(m => WebUtility.HtmlDecode(m.Groups["picture"].Value) == name
                && m.Groups["generation"].Value == generation.ToString(CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(rows.Count == 1, $"/operations lists {rows.Count} dead letters of {name}#{generation}, not one");
        var row = rows[0].Groups["row"].Value;
        var token = TokenField().Match(row);
        Assert.True(token.Success, "The dead letter's Replay form carries no antiforgery token.");
        var replayed = ReplayedCell().Match(row);
        return new DeadLetterRow(
            rows[0].Groups["id"].Value,
            Text(DescriptionCell().Match(row).Groups[1].Value),
            replayed.Success ? Text(replayed.Groups[1].Value) : null,
            WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Presses the row's <b>Replay</b>; returns the notice the page shows after the redirect.</summary>
    public void Dispose() => http.Dispose();

    private async Task<string> PageAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));
        Assert.True(response.IsSuccessStatusCode, $"GET {path} was answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, "")).Trim();

    [GeneratedRegex("<tr class=\"dead-letter\" data-id=\"(?<id>[0-9a-f]{64})\" data-picture=\"(?<picture>[^\"]*)\" data-generation=\"(?<generation>[0-9]+)\"[^>]*>(?<row>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex DeadLetterRows();

    [GeneratedRegex("<td[^>]* class=\"dead-letter-description\"[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex DescriptionCell();

    [GeneratedRegex("<span class=\"replayed\">(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex ReplayedCell();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();


    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
