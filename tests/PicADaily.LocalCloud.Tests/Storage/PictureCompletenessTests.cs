using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Folders;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Whole pictures of each format look complete; every cut-off prefix of them does not.</summary>
public sealed class PictureCompletenessTests
{
    public static TheoryData<string> Formats => ["jpeg", "png", "gif", "webp"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_whole_picture_looks_complete_and_a_cut_off_copy_does_not(string format)
    {
        var picture = Encode(format);

        Assert.True(PictureCompleteness.LooksComplete(new MemoryStream(picture)));
        foreach (var cut in new[] { 16, picture.Length / 3, picture.Length / 2, picture.Length - 1 })
        {
            Assert.False(PictureCompleteness.LooksComplete(new MemoryStream(picture[..cut])), $"{format} cut at {cut} of {picture.Length} bytes looked complete");
        }
    }

    [Fact]
    public void A_preallocated_picture_still_being_filled_does_not_look_complete()
    {
        var picture = Encode("jpeg");
        var preallocated = new byte[picture.Length];
        picture.AsSpan(0, picture.Length / 2).CopyTo(preallocated);

        Assert.False(PictureCompleteness.LooksComplete(new MemoryStream(preallocated)));
    }

    [Fact]
    public void An_empty_file_does_not_look_complete_and_other_content_does()
    {
        Assert.False(PictureCompleteness.LooksComplete(new MemoryStream([])));
        Assert.True(PictureCompleteness.LooksComplete(new MemoryStream("just some text"u8.ToArray())));
        Assert.True(PictureCompleteness.LooksComplete(new MemoryStream([0xFF])));
    }

    private static byte[] Encode(string format)
    {
        using var image = new Image<Rgba32>(64, 48);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgba32((byte)(x * 4), (byte)(y * 5), (byte)(x ^ y));
                }
            }
        });
        using var output = new MemoryStream();
        switch (format)
        {
            case "jpeg": image.SaveAsJpeg(output); break;
            case "png": image.SaveAsPng(output); break;
            case "gif": image.SaveAsGif(output); break;
            default: image.SaveAsWebp(output); break;
        }

        return output.ToArray();
    }
}
