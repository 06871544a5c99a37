using System.Diagnostics;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// Where the Google Cloud SDK's emulators live. A missing SDK fails the differential suite with what to
/// install (CI has it): skipping would let LocalCloud drift from Google's behaviour unnoticed.
/// </summary>
public static class CloudSdk
{
    private const string Install =
        "The differential suite needs the Google Cloud SDK with its emulators: apt-get install google-cloud-cli "
        + "google-cloud-cli-pubsub-emulator google-cloud-cli-firestore-emulator openjdk-17-jre-headless "
        + "(or set CLOUDSDK_ROOT to an SDK that has platform/pubsub-emulator and platform/cloud-firestore-emulator).";

    private static readonly Lazy<string> RootValue = new(FindRoot);

    public static string Root => RootValue.Value;

    public static string PubSubEmulator => Require(Path.Combine(Root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator"));

    public static string FirestoreEmulator => Require(Path.Combine(Root, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator"));

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("CLOUDSDK_ROOT") is { Length: > 0 } configured)
        {
            return configured;
        }

        try
        {
            var start = new ProcessStartInfo("gcloud", ["info", "--format=value(installation.sdk_root)"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
            using var gcloud = Process.Start(start)!;
            var root = gcloud.StandardOutput.ReadToEnd().Trim();
            gcloud.WaitForExit();
            return gcloud.ExitCode == 0 && root.Length > 0 ? root : throw new InvalidOperationException(Install);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("gcloud is not on PATH. " + Install);
        }
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing. {Install}");
}
