using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Tests;

public sealed class ObjectNamesTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "not allowed")]
    [InlineData("..", "not allowed")]
    [InlineData("a\rb", "carriage return")]
    [InlineData("a\nb", "line feed")]
    public void Invalid_object_names_are_rejected_with_the_reason(string name, string reason)
    {
        Assert.Contains(reason, ObjectNames.Validate(name), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_not_valid_utf8()
    {
        var name = "a" + (char)0xD800;

        Assert.Contains("not valid UTF-8", ObjectNames.Validate(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_over_1024_bytes_are_rejected_counting_utf8_bytes()
    {
        Assert.Null(ObjectNames.Validate(string.Concat(Enumerable.Repeat("é", 512))));
        Assert.Contains("1026 bytes", ObjectNames.Validate(string.Concat(Enumerable.Repeat("é", 513))), StringComparison.Ordinal);
    }
}
