using System.Collections.Concurrent;
using System.Globalization;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Gallery;
using PicADaily.Pictures;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>Picture documents in memory, listed like the catalog: visible only, newest first, with opaque page tokens.</summary>
public sealed class InMemoryPictureDirectory : IPictureDirectory
{
    private readonly ConcurrentDictionary<string, PictureDocument> documents = new();

    public List<(int PageSize, string? Label, string? PageToken)> Queries { get; } = [];

    public PictureDocument AddVisible(string name, DateTimeOffset created, string color = "#1e90ff", params string[] labels)
    {
        var document = new PictureDocument
        {
            Name = name,
            Generation = 1,
            Created = created,
            Labels = labels,
            Color = color,
            Safe = true,
            Analyzed = true,
            Thumbnail = true,
        };
        documents[name] = document;
        return document;
    }

    public void Add(PictureDocument document) => documents[document.Name] = document;

    public Task<PicturePage> ListVisibleAsync(int pageSize, string? label, string? pageToken, CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add((pageSize, label, pageToken));
        }

        var skip = 0;
        if (pageToken is not null && !(pageToken.StartsWith("offset-", StringComparison.Ordinal) && int.TryParse(pageToken["offset-".Length..], CultureInfo.InvariantCulture, out skip)))
        {
            throw new ArgumentException("The page token is not valid.", nameof(pageToken));
        }

        var matching = documents.Values
            .Where(d => d.Visible && (label is null || d.Labels.Contains(label)))
            .OrderByDescending(d => d.Created).ThenByDescending(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(skip).Take(pageSize).ToList();
        var next = skip + pageSize < matching.Count ? "offset-" + (skip + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new PicturePage(page, next));
    }

    public Task<PictureDocument?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(documents.TryGetValue(name, out var document) ? document : null);
}
