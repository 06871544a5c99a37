using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Pictures;

namespace PicADaily.LocalCloud.Tests.Firestore;

/// <summary>The services' own catalog (PicADaily.Pictures over the Firestore REST client) works against LocalCloud.</summary>
public sealed class PictureCatalogOverLocalCloudTests
{
    [Fact]
    public async Task The_picture_catalog_records_pages_filters_by_label_and_removes_through_LocalCloud_Firestore()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLOUD_PROJECT"] = "picadaily-local",
            ["FIRESTORE_EMULATOR_HOST"] = $"127.0.0.1:{cloud.BaseUri.Port}",
        }).Build();
        await using var provider = new ServiceCollection().AddPictureServices(configuration).BuildServiceProvider();
        var catalog = provider.GetRequiredService<PictureCatalog>();
        var ct = CancellationToken.None;
        var start = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            var name = $"holiday/photo {i}.jpg";
            string[] labels = i % 2 == 0 ? ["Beach", "Sea"] : ["Cat"];
            await catalog.RecordAnalysisAsync(name, 100 + i, start.AddMinutes(i), new PictureAnalysis(labels, "#112233", Safe: i != 3, RejectionReason: null), ct);
            await catalog.RecordThumbnailAsync(name, 100 + i, start.AddMinutes(i), ct);
        }

        var stale = await catalog.RecordThumbnailAsync("holiday/photo 0.jpg", 99, start, ct);
        var first = await catalog.ListVisibleAsync(2, null, null, ct);
        var second = await catalog.ListVisibleAsync(2, null, first.NextPageToken, ct);
        var beaches = await catalog.ListVisibleAsync(10, "Beach", null, ct);
        var removed = await catalog.RemoveAsync("holiday/photo 4.jpg", 104, ct);
        var newest = await catalog.NewestVisibleAsync(4, ct);

        Assert.Equal((null, CatalogWrite.Stale), (stale.Outcome, stale.Value));
        Assert.Equal(["holiday/photo 4.jpg", "holiday/photo 2.jpg"], first.Pictures.Select(p => p.Name));
        Assert.NotNull(first.NextPageToken);
        Assert.Equal(["holiday/photo 1.jpg", "holiday/photo 0.jpg"], second.Pictures.Select(p => p.Name));
        Assert.Null(second.NextPageToken);
        Assert.Equal(["holiday/photo 4.jpg", "holiday/photo 2.jpg", "holiday/photo 0.jpg"], beaches.Pictures.Select(p => p.Name));
        Assert.Equal((null, true), (removed.Outcome, removed.Value));
        Assert.Equal(["holiday/photo 2.jpg", "holiday/photo 1.jpg", "holiday/photo 0.jpg"], newest.Select(p => p.Name));
    }
}
