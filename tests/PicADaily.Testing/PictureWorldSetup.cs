using System.Globalization;
using PicADaily.Contracts.Pictures;
using PicADaily.Pictures;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Testing;

/// <summary>Puts a picture into the state the choreography would have left it in.</summary>
public static class PictureWorldSetup
{
    /// <summary>A live, safe, thumbnailed picture: what the gallery and the collage show.</summary>
    public static async Task<long> VisiblePictureAsync(this PictureWorld world, string name, DateTimeOffset created, Rgba32? color = null)
    {
        var generation = world.Storage.Put(PictureWorld.Pictures, name, TestImages.SolidJpeg(64, 48, color ?? new Rgba32(128, 128, 128)));
        world.PutThumbnail(name, generation, color);
        await world.Catalog.RecordThumbnailAsync(name, generation, created, default);
        await world.Catalog.RecordAnalysisAsync(name, generation, created, new PictureAnalysis(["Test"], "#808080", Safe: true, null), default);
        return generation;
    }

    public static long PutThumbnail(this PictureWorld world, string name, long sourceGeneration, Rgba32? color = null) =>
        world.Storage.Put(PictureWorld.Thumbnails, name, TestImages.SolidPng(40, 40, color ?? new Rgba32(128, 128, 128)), "image/png",
            new Dictionary<string, string> { [ArtifactMetadata.SourceGeneration] = sourceGeneration.ToString(CultureInfo.InvariantCulture) });
}
