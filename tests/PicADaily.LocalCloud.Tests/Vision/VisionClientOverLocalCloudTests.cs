using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.Vision;
using PicADaily.LocalCloud.Tests.Support;
using PicADaily.LocalCloud.Vision;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.LocalCloud.Tests.Vision;

/// <summary>The services' own Vision client (PicADaily.GoogleCloud) works against LocalCloud.</summary>
public sealed class VisionClientOverLocalCloudTests
{
    [Fact]
    public async Task The_vision_client_reads_local_labels_colours_safe_search_and_per_image_errors_from_LocalCloud()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLOUD_PROJECT"] = "picadaily-local",
            ["VISION_EMULATOR_HOST"] = $"127.0.0.1:{cloud.BaseUri.Port}",
        }).Build();
        await using var provider = new ServiceCollection().AddGoogleCloudClients(configuration).BuildServiceProvider();
        var vision = provider.GetRequiredService<IVisionClient>();
        var picture = VisionApi.Split(200, 100, new Rgb24(255, 0, 0), new Rgb24(0, 0, 255));

        var annotation = await vision.AnnotateAsync(
            VisionImage.FromBytes(picture), [VisionFeature.Labels(10), VisionFeature.ImageProperties, VisionFeature.SafeSearch], CancellationToken.None);
        var rejected = await Assert.ThrowsAsync<VisionAnnotationException>(() =>
            vision.AnnotateAsync(VisionImage.FromBytes("not a picture"u8.ToArray()), [VisionFeature.Labels(10)], CancellationToken.None));

        Assert.Contains(annotation.Labels, l => l.Description == "Red");
        Assert.Contains(annotation.DominantColors, c => c.Blue > 200 && c.Red < 40 && c.PixelFraction is > 0.45f and < 0.55f);
        Assert.Equal(Likelihood.Unknown, annotation.SafeSearch!.Adult);
        Assert.Equal(3, rejected.Code);
    }
}
