using PicADaily.Contracts.ProtoJson;

namespace PicADaily.Contracts.Tests;

/// <summary>The one reader and writer of proto JSON durations and timestamps, shared by every side of the wire.</summary>
public sealed class ProtoJsonTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("0.5s", 500)]
    [InlineData("600s", 600_000)]
    [InlineData("0.000000001s", 0)]
    public void Durations_are_seconds_with_an_s_and_a_fraction_of_up_to_nine_digits(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ProtoDuration.Parse(text));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-1s")]
    [InlineData("1m")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("999999999999999s")]
    public void Anything_else_is_no_duration(string? text)
    {
        Assert.False(ProtoDuration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ProtoDuration.Parse(text));
    }

    [Fact]
    public void A_duration_is_written_in_its_shortest_form_and_read_back_unchanged()
    {
        Assert.Equal("10s", ProtoDuration.Format(TimeSpan.FromSeconds(10)));
        Assert.Equal("0.5s", ProtoDuration.Format(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(TimeSpan.FromTicks(1234567), ProtoDuration.Parse(ProtoDuration.Format(TimeSpan.FromTicks(1234567))));
    }

    [Theory]
    [InlineData("2024-01-01T10:00:00Z", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01T10:00:00.5Z", "2024-01-01T10:00:00.5000000+00:00")]
    [InlineData("2024-01-01T10:00:00.123456789Z", "2024-01-01T10:00:00.1234567+00:00")]
    [InlineData("2024-01-01T12:00:00.25+02:00", "2024-01-01T10:00:00.2500000+00:00")]
    public void Timestamps_read_any_fraction_up_to_nanoseconds_and_any_offset_as_UTC(string text, string expected)
    {
        var value = ProtoTimestamp.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01T10:00:00.Z")]
    [InlineData("2024-01-01T10:00:00.1234567890Z")]
    [InlineData("yesterday")]
    [InlineData(null)]
    public void Anything_else_is_no_timestamp(string? text)
    {
        Assert.False(ProtoTimestamp.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "2024-01-01T10:00:00Z")]
    [InlineData(5_000_000, "2024-01-01T10:00:00.500Z")]
    [InlineData(1_234_560, "2024-01-01T10:00:00.123456Z")]
    [InlineData(1_234_567, "2024-01-01T10:00:00.123456700Z")]
    public void Timestamps_are_written_in_the_canonical_form_with_the_fewest_of_0_3_6_or_9_digits(long ticks, string expected)
    {
        var value = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(ticks);

        Assert.Equal(expected, ProtoTimestamp.Format(value));
        Assert.Equal(value, ProtoTimestamp.Parse(expected));
    }
}
