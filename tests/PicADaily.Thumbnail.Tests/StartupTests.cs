using PicADaily.Testing;

namespace PicADaily.Thumbnail.Tests;

public sealed class StartupTests
{
    [Fact]
    public void The_service_builds_with_every_registration_resolvable()
    {
        using var factory = OfflineService.Factory<Program>();

        // Building the host is the test: a registration that cannot be resolved throws here.
        Assert.NotNull(factory.Services);
    }
}
