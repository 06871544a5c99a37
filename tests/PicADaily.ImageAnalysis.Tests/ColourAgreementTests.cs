using System.Globalization;
using PicADaily.GoogleCloud.Vision;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Imaging.Colors;
using PicADaily.LocalCloud.Vision;
using PicADaily.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.ImageAnalysis.Tests;

/// <summary>
/// <c>Analysis:Colour = local</c> must record the colour the Vision stand-in would have answered for
/// IMAGE_PROPERTIES, so switching it off Vision changes the bill, not the gallery. The stand-in's side
/// is computed the way its images:annotate does: the bytes sent to Vision decoded again, shrunk, analysed.
/// </summary>
public sealed class ColourAgreementTests
{
    // Within a 5-bit histogram cell of each other (the algorithm's own resolution): the stand-in sees
    // the shrunk picture after one more JPEG encoding, the service the same pixels before it.
    private const double Tolerance = 8 * 1.75;

    // Where two colours nearly tie (photo-like waves: 0.133 against 0.126), the extra JPEG encoding
    // can swap them; either is then the picture's dominant colour. Elsewhere the top one must match.
    private const double NearTie = 0.9;

    public static TheoryData<string> Pictures => [.. GeneratedPictures.Keys];

    private static Dictionary<string, Func<byte[]>> GeneratedPictures { get; } = new()
    {
        ["solid blue, small JPEG sent as uploaded"] = () => TestImages.SolidJpeg(640, 480, new Rgba32(30, 144, 255)),
        ["solid orange, large PNG shrunk for Vision"] = () => TestImages.SolidPng(2400, 1600, new Rgba32(240, 120, 10)),
        ["two colours 70/30, large"] = () => Split(3000, 2000, new Rgb24(20, 160, 60), new Rgb24(230, 230, 240), 0.7),
        ["two colours 30/70, small"] = () => Split(800, 600, new Rgb24(200, 30, 40), new Rgb24(40, 40, 40), 0.3),
        ["photo-like waves, seed 1, large"] = () => TestImages.PhotoJpeg(2000, 1500, 1),
        ["photo-like waves, seed 2, large"] = () => TestImages.PhotoJpeg(1600, 1200, 2),
        ["photo-like waves, seed 3, small"] = () => TestImages.PhotoJpeg(900, 700, 3),
    };

    [Theory]
    [MemberData(nameof(Pictures))]
    public async Task The_local_colour_agrees_with_the_vision_stand_ins(string picture)
    {
        var preparer = new VisionInputPreparer(new SafeImageLoader(ImageLimits.Default), ColourSource.Local);

        var input = await preparer.PrepareAsync(GeneratedPictures[picture](), default);

        using var standIn = await AnalysisPicture.LoadAsync(input.Content, default);
        var standInColours = DominantColors.Compute(standIn.Small);
        Assert.NotNull(input.LocalColour);
        var match = standInColours.MinBy(c => Distance(input.LocalColour, Hex(c)))!;
        var answered = string.Join(", ", standInColours.Select(c => FormattableString.Invariant($"{Hex(c)} {c.Score:0.000}")));
        Assert.True(Distance(input.LocalColour, Hex(match)) <= Tolerance, $"{picture}: local {input.LocalColour} is none of the stand-in's {answered}");
        Assert.True(match.Score >= NearTie * standInColours[0].Score, $"{picture}: local {input.LocalColour} is not the stand-in's top colour: {answered}");
        Assert.DoesNotContain(VisionFeature.ImageProperties, input.Features);
    }

    [Fact]
    public async Task With_the_colour_from_vision_no_local_colour_is_computed()
    {
        var preparer = new VisionInputPreparer(new SafeImageLoader(ImageLimits.Default), ColourSource.Vision);

        var input = await preparer.PrepareAsync(TestImages.SolidJpeg(640, 480, new Rgba32(30, 144, 255)), default);

        Assert.Null(input.LocalColour);
        Assert.Contains(VisionFeature.ImageProperties, input.Features);
    }

    /// <summary>Euclidean distance between two <c>#rrggbb</c> colours.</summary>
    public static double Distance(string a, string b)
    {
        var (x, y) = (Channels(a), Channels(b));
        return Math.Sqrt(x.Zip(y).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
    }

    private static string Hex(PicADaily.Imaging.Colors.DominantColor c) =>
        AnalysisRules.ToHex(new PicADaily.GoogleCloud.Vision.DominantColor(c.Red, c.Green, c.Blue, 1, 1));

    private static int[] Channels(string hex) =>
        [.. Enumerable.Range(0, 3).Select(i => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    private static byte[] Split(int width, int height, Rgb24 left, Rgb24 right, double leftShare)
    {
        using var image = new Image<Rgb24>(width, height, right);
        var split = (int)(width * leftShare);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                rows.GetRowSpan(y)[..split].Fill(left);
            }
        });
        return PictureEncoder.Encode(image, PictureFormat.Jpeg).Content;
    }
}
