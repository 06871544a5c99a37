using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PicADaily.Testing;

/// <summary>
/// A service's real host as the app host runs it, in Development, where building the host validates that
/// every registration can be resolved, with emulator addresses that lead nowhere (nothing is called
/// while it starts). A registration that cannot be resolved fails the test in milliseconds instead of
/// the service at start-up.
/// </summary>
public static class OfflineService
{
    private const string Nowhere = "127.0.0.1:9";

    public static WebApplicationFactory<TProgram> Factory<TProgram>()
        where TProgram : class =>
        new WebApplicationFactory<TProgram>().WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .UseSetting("GOOGLE_CLOUD_PROJECT", "picadaily-test")
            .UseSetting("STORAGE_EMULATOR_HOST", Nowhere)
            .UseSetting("PUBSUB_EMULATOR_HOST", Nowhere)
            .UseSetting("FIRESTORE_EMULATOR_HOST", Nowhere)
            .UseSetting("VISION_EMULATOR_HOST", Nowhere));
}
