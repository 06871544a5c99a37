using System.Text;
using PicADaily.Contracts.Payloads;
using PicADaily.Imaging.Tests;
using PicADaily.Testing;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// Cases 16 to 21 of the reliability table through the running services: byte-crafted hostile pictures
/// dropped into the bucket folder come out as a recorded failure with its reason or as a clean
/// thumbnail, the services keep serving, and the invariant holds.
/// </summary>
[Collection(OnFaultedSystem.Name)]
public sealed class HostilePictureCases(FaultedSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Case16_to_21_hostile_pictures_are_refused_with_their_reason_or_made_safe_and_the_services_keep_serving()
    {
        var refused = new Dictionary<string, (byte[] Content, string ReasonCode)>(StringComparer.Ordinal)
        {
            ["case16-flood.png"] = (CraftedPictures.PngClaiming(50_000, 50_000), "too-many-pixels"),
            ["case16-line.png"] = (CraftedPictures.PngClaiming(1, 8_000_000), "too-many-pixels"),
            ["case17-screen.gif"] = (CraftedPictures.GifClaiming(65_535, 65_535), "too-many-pixels"),
            ["case18-tiff.jpg"] = (CraftedPictures.TiffHeader(), "unsupported-format"),
            ["case18-bigtiff.jpg"] = (CraftedPictures.BigTiffHeader(), "unsupported-format"),
            ["case18-bmp.png"] = (CraftedPictures.BmpClaimingHugeSize(), "unsupported-format"),
            ["case18-svg.png"] = (CraftedPictures.Svg(), "unsupported-format"),
            ["case18-html.jpg"] = (CraftedPictures.Html(), "unsupported-format"),
        };
        var made = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["case17-animated.gif"] = CraftedPictures.AnimatedGif(2000),
            ["case19-polyglot.jpg"] = CraftedPictures.PolyglotJpeg(),
            ["case20-rotated.jpg"] = CraftedPictures.RotatedJpegWithGps(),
            ["case21-metadata.jpg"] = CraftedPictures.JpegWithHugeMetadata(segments: 256),
            ["case21-text.png"] = CraftedPictures.PngWithTextChunk("tEXt", new byte[8 * 1024 * 1024]),
        };

        foreach (var (name, content) in refused.Select(r => (r.Key, r.Value.Content)).Concat(made.Select(m => (m.Key, m.Value))))
        {
            await system.DropAsync(name, content);
        }

        foreach (var (name, (_, reasonCode)) in refused)
        {
            var failed = await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == name && e.Service == "thumbnail", Patience);
            output.WriteLine($"{name}: {failed.Data.ReasonCode} {failed.Data.Reason}");
            Assert.Equal(reasonCode, failed.Data.ReasonCode);
            Assert.False(string.IsNullOrWhiteSpace(failed.Data.Reason));
        }

        foreach (var name in made.Keys)
        {
            var thumbnailed = await system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == name, Patience);
            var thumbnail = await system.Storage.GetAsync("thumbnails", name, thumbnailed.Data.ThumbnailGeneration, default);
            Assert.NotNull(thumbnail);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(system.DataPath, "buckets", "thumbnails", name));
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase); // case 19: the re-encode drops the payload
            Assert.DoesNotContain("Exif", text, StringComparison.Ordinal); // case 20: no EXIF, so no GPS
            Assert.True(bytes.Length < 1024 * 1024, $"{name}'s thumbnail kept {bytes.Length} bytes: metadata survived"); // case 21
        }

        await system.DropAsync("case16-after.jpg", TestImages.PhotoJpeg(640, 480, seed: 16));
        await Quiet.UntilAsync(async () => (await system.Catalog.GetAsync("case16-after.jpg", default))?.Document.Visible == true, Patience, "a normal picture after the hostile ones becomes visible");
        await system.UntilDeliveredAsync(Patience);
        var problems = await Invariant.InvariantChecker.ViolationsAsync(system, system.Firestore);
        Assert.True(problems.Count == 0, Invariant.InvariantChecker.Describe(problems));
    }
}
