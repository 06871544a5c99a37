using PicADaily.Contracts.Configuration;

namespace PicADaily.Contracts.Tests.Configuration;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:02", 2_000)]
    [InlineData("00:00:00.250", 250)]
    [InlineData(" 2s ", 2_000)]
    public void The_documented_forms_are_read(string text, int milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("2 s")]
    [InlineData("-1s")]
    [InlineData("-00:00:01")]
    [InlineData("1d")]
    [InlineData("0,5s")]
    public void Anything_else_is_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void A_refusal_names_the_option_and_the_accepted_forms()
    {
        var error = Assert.Throws<FormatException>(() => Durations.Parse("FolderSettleInterval", "0.5 s"));

        Assert.Contains("FolderSettleInterval: '0.5 s' is not a duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("500ms", error.Message, StringComparison.Ordinal);
    }
}
