using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Model;

namespace PicADaily.LocalCloud.Tests.Storage;

public sealed class ObjectNameTests
{
    [Theory]
    [InlineData("a.jpg")]
    [InlineData("dir/sub/a b.jpg")]
    [InlineData("日本語/名前.txt")]
    [InlineData("plus+sign&amp=x?y#z.txt")]
    [InlineData("..a/b..")]
    [InlineData("...")]
    public void Names_that_map_onto_files_inside_the_bucket_are_accepted(string name)
    {
        Assert.Null(ObjectName.Problem(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0byte")]
    [InlineData("dir/")]
    [InlineData("a//b")]
    public void Names_that_could_escape_or_cannot_be_files_are_refused_with_a_reason(string name)
    {
        var problem = ObjectName.Problem(name);

        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Names_over_1024_utf8_bytes_and_segments_over_255_bytes_are_refused()
    {
        Assert.Contains("1024", ObjectName.Problem(string.Join('/', Enumerable.Repeat(new string('a', 200), 6))), StringComparison.Ordinal);
        Assert.Contains("255", ObjectName.Problem(new string('ü', 128)), StringComparison.Ordinal);
        Assert.Null(ObjectName.Problem(new string('a', 255)));
    }

    [Fact]
    public void Names_with_an_unpaired_surrogate_are_refused()
    {
        Assert.NotNull(ObjectName.Problem("bad\uD800name"));
    }
}
