using PicADaily.Collage.Rendering;
using PicADaily.Imaging;
using PicADaily.Imaging.Tests;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Collage.Tests;

public sealed class CollageRendererTests
{
    private static readonly Rgba32 Red = new(255, 0, 0);
    private static readonly Rgba32 Green = new(0, 255, 0);
    private static readonly Rgba32 Blue = new(0, 0, 255);
    private static readonly Rgba32 Yellow = new(255, 255, 0);

    /// <summary>Centres of the cells in placement order: top-left, top-right, bottom-left, bottom-right.</summary>
    private static readonly (int X, int Y)[] CellCentres = [(200, 200), (600, 200), (200, 600), (600, 600)];

    private readonly CollageRenderer renderer = new(new SafeImageLoader(ImageLimits.Default));

    [Fact]
    public async Task Four_pictures_fill_the_grid_newest_top_left_then_top_right_bottom_left_bottom_right()
    {
        ReadOnlyMemory<byte>[] newestFirst =
        [
            CraftedPictures.SolidJpeg(400, 400, Red),
            CraftedPictures.SolidPng(400, 400, Green),
            CraftedPictures.SolidJpeg(400, 400, Blue),
            CraftedPictures.SolidPng(400, 400, Yellow),
        ];

        var collage = await renderer.RenderAsync(newestFirst, CancellationToken.None);

        Assert.Equal(PictureFormat.Png, collage.Format);
        Assert.Equal("image/png", collage.ContentType);
        using var image = Image.Load<Rgba32>(collage.Content);
        Assert.Equal((800, 800), (image.Width, image.Height));
        AssertCells(image, Red, Green, Blue, Yellow);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Fewer_than_four_pictures_leave_the_remaining_cells_neutral(int count)
    {
        Rgba32[] colours = [Red, Green, Blue];
        var newestFirst = colours.Take(count).Select(c => (ReadOnlyMemory<byte>)CraftedPictures.SolidPng(400, 400, c)).ToArray();

        var collage = await renderer.RenderAsync(newestFirst, CancellationToken.None);

        using var image = Image.Load<Rgba32>(collage.Content);
        Assert.Equal((800, 800), (image.Width, image.Height));
        var expected = colours.Take(count).Concat(Enumerable.Repeat(CollageRenderer.EmptyCell, 4 - count)).ToArray();
        AssertCells(image, expected);
    }

    [Fact]
    public async Task A_picture_that_is_not_square_is_cover_cropped_to_fill_its_whole_cell()
    {
        ReadOnlyMemory<byte>[] newestFirst = [CraftedPictures.SolidPng(900, 300, Blue), CraftedPictures.SolidPng(50, 200, Green)];

        var collage = await renderer.RenderAsync(newestFirst, CancellationToken.None);

        using var image = Image.Load<Rgba32>(collage.Content);
        foreach (var (x, y) in new[] { (2, 2), (397, 2), (2, 397), (397, 397) })
        {
            AssertClose(Blue, image[x, y], $"first cell at ({x},{y})");
            AssertClose(Green, image[x + 400, y], $"second cell at ({x + 400},{y})");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task A_collage_of_no_pictures_or_more_than_four_is_refused(int count)
    {
        var newestFirst = Enumerable.Range(0, count).Select(_ => (ReadOnlyMemory<byte>)CraftedPictures.SolidPng(4, 4, Red)).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => renderer.RenderAsync(newestFirst, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreadable_picture_is_refused_with_its_reason()
    {
        ReadOnlyMemory<byte>[] newestFirst = [CraftedPictures.SolidPng(4, 4, Red), CraftedPictures.Html()];

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => renderer.RenderAsync(newestFirst, CancellationToken.None));

        Assert.Equal(ImageRejectionReason.UnsupportedFormat, rejection.Reason);
    }

    private static void AssertCells(Image<Rgba32> image, params Rgba32[] expected)
    {
        for (var i = 0; i < CellCentres.Length; i++)
        {
            var (x, y) = CellCentres[i];
            AssertClose(expected[i], image[x, y], $"cell {i} centre");
            AssertClose(expected[i], image[x - 190, y - 190], $"cell {i} top-left corner");
            AssertClose(expected[i], image[x + 190, y + 190], $"cell {i} bottom-right corner");
        }
    }

    private static void AssertClose(Rgba32 expected, Rgba32 actual, string where, int tolerance = 8) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{where}: expected about {expected}, got {actual}");
}
