using PicADaily.Testing;

namespace PicADaily.ImageAnalysis.Tests;

public sealed class StartupTests
{
    [Fact]
    public void The_service_builds_with_every_registration_resolvable()
    {
        // Any type of the service's assembly names its entry point; Program is ambiguous here (LocalCloud has one too).
        using var factory = OfflineService.Factory<PictureUploadedHandler>();

        // Building the host is the test: a registration that cannot be resolved throws here.
        Assert.NotNull(factory.Services);
    }
}
