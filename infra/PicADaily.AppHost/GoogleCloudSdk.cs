using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace PicADaily.AppHost;

/// <summary>
/// Where Google's official Pub/Sub and Firestore emulators are: under the Cloud SDK root, from the
/// <c>GoogleCloudSdkRoot</c> setting, else from <c>gcloud info</c>.
/// </summary>
internal sealed record GoogleCloudSdk(string Root)
{
    public const string RootKey = "GoogleCloudSdkRoot";

    public const string InstallHint =
        "Install them with `gcloud components install pubsub-emulator cloud-firestore-emulator`, or on Debian/Ubuntu with "
        + "`apt-get install google-cloud-cli-pubsub-emulator google-cloud-cli-firestore-emulator` (they need Java 17+); "
        + "set GoogleCloudSdkRoot if the SDK is elsewhere.";

    public string PubSubEmulator => Path.Combine(Root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");

    public string FirestoreEmulator => Path.Combine(Root, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator");

    /// <exception cref="EmulatorsMissingException">No SDK root, or an emulator is not installed under it.</exception>
    public static GoogleCloudSdk Locate(IConfiguration configuration)
    {
        var root = configuration[RootKey] is { Length: > 0 } configured ? configured : AskGcloud();
        if (root is null)
        {
            throw new EmulatorsMissingException($"The emulators mode needs Google's Cloud SDK, but `gcloud info --format='value(installation.sdk_root)'` gave no SDK root (is gcloud on PATH?). {InstallHint}");
        }

        var sdk = new GoogleCloudSdk(root.Trim());
        var missing = new[] { sdk.PubSubEmulator, sdk.FirestoreEmulator }.Where(path => !File.Exists(path)).ToList();
        return missing.Count == 0
            ? sdk
            : throw new EmulatorsMissingException($"The emulators mode needs Google's emulators; not found: {string.Join(", ", missing)}. {InstallHint}");
    }

    private static string? AskGcloud()
    {
        try
        {
            using var gcloud = Process.Start(new ProcessStartInfo("gcloud", ["info", "--format=value(installation.sdk_root)"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (gcloud is null)
            {
                return null;
            }

            var output = gcloud.StandardOutput.ReadToEndAsync();
            _ = gcloud.StandardError.ReadToEndAsync();
            // gcloud answers in about two seconds; a hung one must not hang the app host.
            if (!gcloud.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                gcloud.Kill(entireProcessTree: true);
                return null;
            }

            return gcloud.ExitCode == 0 && output.Result.Trim() is { Length: > 0 } root ? root : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // gcloud is not on PATH
        }
    }
}

/// <summary>The emulators mode cannot start: the message says what was looked for and how to install it.</summary>
internal sealed class EmulatorsMissingException(string message) : Exception(message);
