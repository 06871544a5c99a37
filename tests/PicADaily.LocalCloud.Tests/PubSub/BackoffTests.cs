using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.PubSub.Delivery;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(50, 600)]
    public void The_delay_doubles_from_the_minimum_and_stops_at_the_maximum(int failures, int expectedSeconds)
    {
        var delay = Backoff.Delay(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(600), failures);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void Sub_second_policies_work_for_tests_and_demos()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Backoff.Delay(TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(1), 1));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Delay(TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(1), 9));
    }
}
