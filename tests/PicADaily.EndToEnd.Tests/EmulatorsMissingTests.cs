using Microsoft.Extensions.Configuration;
using PicADaily.AppHost;

namespace PicADaily.EndToEnd.Tests;

/// <summary>Where Google's emulators are not installed, the emulators mode says what it looked for and how to get them.</summary>
public sealed class EmulatorsMissingTests
{
    [Fact]
    public void Without_the_emulators_the_app_host_names_the_paths_it_looked_for_and_how_to_install_them()
    {
        var root = Path.Combine(Path.GetTempPath(), "no-cloud-sdk-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["GoogleCloudSdkRoot"] = root }).Build();

        var missing = Assert.Throws<EmulatorsMissingException>(() => GoogleCloudSdk.Locate(configuration));

        Assert.Contains(Path.Combine(root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator"), missing.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator"), missing.Message, StringComparison.Ordinal);
        Assert.Contains("gcloud components install pubsub-emulator cloud-firestore-emulator", missing.Message, StringComparison.Ordinal);
        Assert.Contains("google-cloud-cli-pubsub-emulator", missing.Message, StringComparison.Ordinal);
    }
}
