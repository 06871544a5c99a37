using PicADaily.LocalCloud.PubSub.Filtering;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class FilterParserTests
{
    private static readonly Dictionary<string, string> Finalize = new()
    {
        ["eventType"] = "OBJECT_FINALIZE",
        ["objectId"] = "uploads/cat.jpg",
        ["ce-type"] = "dev.picadaily.picture.rejected.v1",
        ["my.key"] = "dotted",
    };

    [Theory]
    [InlineData("attributes.eventType = \"OBJECT_FINALIZE\"", true)]
    [InlineData("attributes.eventType = \"OBJECT_DELETE\"", false)]
    [InlineData("attributes.eventType != \"OBJECT_DELETE\"", true)]
    [InlineData("attributes.missing != \"x\"", true)]
    [InlineData("attributes.eventType = \"object_finalize\"", false)]
    [InlineData("attributes:objectId", true)]
    [InlineData("attributes:missing", false)]
    [InlineData("NOT attributes:missing", true)]
    [InlineData("-attributes:objectId", false)]
    [InlineData("hasPrefix(attributes.objectId, \"uploads/\")", true)]
    [InlineData("hasPrefix(attributes.objectId, \"other/\")", false)]
    [InlineData("hasPrefix(attributes.missing, \"\")", false)]
    [InlineData("attributes.ce-type = \"dev.picadaily.picture.rejected.v1\"", true)]
    [InlineData("attributes.\"my.key\" = \"dotted\"", true)]
    [InlineData("attributes:\"my.key\"", true)]
    [InlineData("attributes.eventType = \"OBJECT_FINALIZE\" AND hasPrefix(attributes.objectId, \"uploads/\")", true)]
    [InlineData("attributes.eventType = \"OBJECT_FINALIZE\" AND attributes:missing", false)]
    [InlineData("attributes.eventType = \"OBJECT_DELETE\" OR attributes:objectId", true)]
    [InlineData("attributes:missing OR attributes:other", false)]
    [InlineData("NOT (attributes:missing OR attributes.eventType = \"OBJECT_DELETE\")", true)]
    [InlineData("(attributes:missing OR attributes:objectId) AND NOT attributes:other", true)]
    [InlineData("attributes:missing OR attributes:objectId AND attributes:other", false)]
    [InlineData("attributes.eventType=\"OBJECT_FINALIZE\"", true)]
    public void A_filter_matches_exactly_the_messages_its_attributes_select(string filter, bool expected)
    {
        var expression = FilterParser.Parse(filter);

        Assert.NotNull(expression);
        Assert.Equal(expected, expression.Matches(Finalize));
    }

    [Theory]
    [InlineData("data = \"x\"")]
    [InlineData("attributes.k = v")]
    [InlineData("attributes.k == \"v\"")]
    [InlineData("hasSuffix(attributes.k, \"v\")")]
    [InlineData("attributes.k = \"unterminated")]
    [InlineData("(attributes:k")]
    [InlineData("attributes:k AND")]
    [InlineData("attributes:k attributes:j")]
    [InlineData("attributes.")]
    public void An_invalid_filter_is_rejected_with_a_reason(string filter)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(filter));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_filter_longer_than_256_bytes_is_rejected()
    {
        var filter = "attributes.k = \"" + new string('v', 260) + "\"";

        Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(filter));
    }

    [Fact]
    public void An_empty_filter_selects_everything()
    {
        Assert.Null(FilterParser.Parse("  "));
    }
}
