using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.LocalCloud.Firestore.Model;
using PicADaily.LocalCloud.Firestore.State;
using PicADaily.LocalCloud.Tests.Support;
using static PicADaily.LocalCloud.Tests.Firestore.FirestoreApi;

namespace PicADaily.LocalCloud.Tests.Firestore;

/// <summary>P5: the catalog queries the services run stay index lookups at 100,000 picture documents.</summary>
public sealed class CatalogAtScaleTests
{
    private const int Count = 100_000;

    [Fact]
    public async Task Gallery_label_and_collage_queries_at_100000_documents_are_correct_and_never_scan_a_table()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        using var api = new FirestoreApi(cloud);
        var store = cloud.Services.GetRequiredService<FirestoreStore>();
        var pictures = SyntheticPictures.Generate(Count).ToList();
        store.BulkInsert(pictures.Select(p => (DocumentPath.ParseName(Name("pictures/" + p.Id)), p.Fields)));
        var statements = new ConcurrentDictionary<string, bool>();
        var work = new VirtualMachineSteps();
        store.ReadStatementObserver = command =>
        {
            statements.TryAdd(command.CommandText, true);
            work.Watch(command.Connection!);
        };

        var visible = pictures.Where(p => p.Safe && p.Thumbnail).OrderByDescending(p => p.Created).ThenByDescending(p => p.Id, StringComparer.Ordinal).ToList();
        var firstPage = await api.Query(SyntheticPictures.Gallery(20));
        var nextPage = await api.QueryIds(SyntheticPictures.Gallery(20, firstPage[^1]));
        var collage = await api.QueryIds(SyntheticPictures.Gallery(4));
        var common = await api.QueryIds(SyntheticPictures.Gallery(20, label: "Label7"));
        var rareSteps = work.Steps;
        var rare = await api.QueryIds(SyntheticPictures.Gallery(20, label: SyntheticPictures.RareLabel));
        rareSteps = work.Steps - rareSteps;
        var longPageSteps = work.Steps;
        var longPage = await api.QueryIds(SyntheticPictures.Gallery(1_200));
        longPageSteps = work.Steps - longPageSteps;
        var byName = await api.QueryIds(new JsonObject { ["from"] = new JsonArray(new JsonObject { ["collectionId"] = "pictures" }), ["limit"] = 1_200 });

        Assert.Equal(visible.Take(20).Select(p => p.Id), firstPage.Select(d => d["name"]!.GetValue<string>().Split('/')[^1]));
        Assert.Equal(visible.Skip(20).Take(20).Select(p => p.Id), nextPage);
        Assert.Equal(visible.Take(4).Select(p => p.Id), collage);
        Assert.Equal(visible.Where(p => p.Labels.Contains("Label7")).Take(20).Select(p => p.Id), common);
        Assert.Equal(visible.Where(p => p.Labels.Contains(SyntheticPictures.RareLabel)).Take(20).Select(p => p.Id), rare);
        Assert.NotEmpty(rare);
        Assert.Equal(visible.Take(1_200).Select(p => p.Id), longPage);
        Assert.Equal(pictures.Select(p => p.Id).Order(StringComparer.Ordinal).Take(1_200), byName);

        // Bound on the rows the rare-label query visits, counted in SQLite instructions (deterministic for
        // this seeded data): less work than reading one 1,200-picture page (about 17,000 against 91,000
        // when written). Walking the 85,000 visible pictures to check each for the label would cost
        // several times the page even at a few instructions a row (reading rows costs about 50 each).
        Assert.Equal(1_200, longPage.Count);
        Assert.True(rareSteps < longPageSteps, $"rare label: {rareSteps} steps; 1,200-picture page: {longPageSteps} steps");

        // First pages, keyset continuations, the capped count and the rare-value driver all ran.
        Assert.True(statements.Count >= 6, string.Join("\n\n", statements.Keys));
        foreach (var sql in statements.Keys)
        {
            var plan = store.ExplainQueryPlan(sql);
            // "SCAN (subquery-n)" reads a capped intermediate result, not a table.
            Assert.All(plan, line => Assert.False(line.StartsWith("SCAN", StringComparison.Ordinal) && !line.StartsWith("SCAN (subquery", StringComparison.Ordinal), $"{line}\nin the plan of\n{sql}"));
            Assert.Contains(plan, line => line.StartsWith("SEARCH", StringComparison.Ordinal) && line.Contains("USING", StringComparison.Ordinal));
        }
    }
}

/// <summary>
/// Counts SQLite virtual-machine instructions on the connections it watches (via SQLite's progress
/// handler, called every <see cref="Granularity"/> instructions): a measure of the rows a statement
/// visits that no plan text can hide.
/// </summary>
public sealed class VirtualMachineSteps
{
    public const int Granularity = 100;
    private readonly SQLitePCL.delegate_progress count;
    private long calls;

    public VirtualMachineSteps() => count = _ =>
    {
        Interlocked.Increment(ref calls);
        return 0; // 0 = carry on
    };

    /// <summary>Instructions run so far, to within <see cref="Granularity"/> per statement.</summary>
    public long Steps => Interlocked.Read(ref calls) * Granularity;

    public void Watch(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, Granularity, count, null);
}

/// <summary>Synthetic picture documents shaped as the picture document of docs/architecture.md, and the gallery queries over them.</summary>
public static class SyntheticPictures
{
    public const string RareLabel = "Narwhal";

    public sealed record Picture(string Id, long Created, bool Safe, bool Thumbnail, string[] Labels, JsonObject Fields);

    public static IEnumerable<Picture> Generate(int count)
    {
        var random = new Random(42);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var created = start.AddSeconds(i * 37L + random.Next(30));
            var labels = Enumerable.Range(0, 3).Select(_ => "Label" + random.Next(40)).Distinct().ToList();
            if (i % 20_000 == 7)
            {
                labels.Add(RareLabel);
            }

            var safe = random.NextDouble() < 0.9;
            var thumbnail = random.NextDouble() < 0.95;
            var id = $"IMG_{i:D6}.jpg";
            var fields = new JsonObject
            {
                ["name"] = Str(id),
                ["labels"] = Arr([.. labels.Select(Str)]),
                ["color"] = Str($"#{random.Next(0x1000000):x6}"),
                ["created"] = Time(created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                ["thumbnail"] = Bool(thumbnail),
                ["safe"] = Bool(safe),
                ["generation"] = Int(1_700_000_000_000_000 + i),
            };
            yield return new Picture(id, created.Ticks, safe, thumbnail, [.. labels], fields);
        }
    }

    /// <summary>safe == true AND thumbnail == true [AND labels ARRAY_CONTAINS label] ORDER BY created DESC LIMIT n [startAfter last].</summary>
    public static JsonObject Gallery(int limit, JsonObject? after = null, string? label = null)
    {
        var filters = new JsonArray(Equal("safe", Bool(true)), Equal("thumbnail", Bool(true)));
        if (label is not null)
        {
            filters.Add(new JsonObject { ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "labels" }, ["op"] = "ARRAY_CONTAINS", ["value"] = Str(label) } });
        }

        var query = new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = "pictures" }),
            ["where"] = new JsonObject { ["compositeFilter"] = new JsonObject { ["op"] = "AND", ["filters"] = filters } },
            ["orderBy"] = new JsonArray(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "created" }, ["direction"] = "DESCENDING" }),
            ["limit"] = limit,
        };
        if (after is not null)
        {
            query["startAt"] = new JsonObject
            {
                ["values"] = new JsonArray(after["fields"]!["created"]!.DeepClone(), new JsonObject { ["referenceValue"] = after["name"]!.GetValue<string>() }),
                ["before"] = false,
            };
        }

        return query;
    }

    private static JsonObject Equal(string path, JsonObject value) =>
        new() { ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = path }, ["op"] = "EQUAL", ["value"] = value } };
}
