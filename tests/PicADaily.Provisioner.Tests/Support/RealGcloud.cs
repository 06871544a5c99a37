using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PicADaily.Provisioner.Tests.Support;

/// <summary>What the installed gcloud answered to one command line, run with no account and no network.</summary>
public sealed record GcloudAnswer(string Line, int ExitCode, string Output)
{
    /// <summary>gcloud got past its argument parser and stopped only for want of credentials.</summary>
    public bool ParsedAndAskedForCredentials =>
        Output.Contains("You do not currently have an active account selected", StringComparison.Ordinal);
}

/// <summary>
/// The Cloud SDK's own gcloud (not the fake), driven by Deploy/gcloud-parse-check.py with an empty
/// configuration directory: no account, prompts off, no metadata-server probe, so nothing leaves the machine.
/// </summary>
public static class RealGcloud
{
    private const string Install =
        "This test needs the Google Cloud SDK's gcloud (apt-get install google-cloud-cli), as CI has it.";

    /// <summary>Runs the lines in <paramref name="workers"/> Python processes side by side.</summary>
    public static async Task<IReadOnlyList<GcloudAnswer>> ParseAsync(IReadOnlyList<string> lines, int workers, TimeSpan timeout)
    {
        var root = SdkRoot();
        var batches = lines.Select((line, i) => (line, i)).GroupBy(x => x.i % workers, x => x.line).Select(g => g.ToList());
        var answers = await Task.WhenAll(batches.Select(batch => RunBatchAsync(root, batch, timeout)));
        return [.. answers.SelectMany(a => a)];
    }

    private static async Task<List<GcloudAnswer>> RunBatchAsync(string root, List<string> lines, TimeSpan timeout)
    {
        var config = Directory.CreateTempSubdirectory("picadaily-gcloud-config-").FullName;
        try
        {
            var start = new ProcessStartInfo("python3", [Repository.File("tests", "PicADaily.Provisioner.Tests", "Deploy", "gcloud-parse-check.py"), root])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["CLOUDSDK_CONFIG"] = config;
            start.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
            start.Environment["CLOUDSDK_CORE_CHECK_GCE_METADATA"] = "false";
            start.Environment["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "1";
            start.Environment["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "true";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(string.Join('\n', lines) + "\n");
            process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"gcloud did not parse {lines.Count} command lines within {timeout}.");
            }

            Assert.True(process.ExitCode == 0, $"The gcloud parse check failed:\n{await error}");
            var answers = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonNode.Parse(l)!)
                .Select(a => new GcloudAnswer(a["line"]!.GetValue<string>(), a["exit"]!.GetValue<int>(), a["output"]!.GetValue<string>()))
                .ToList();
            Assert.Equal(lines.Count, answers.Count);
            return answers;
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    private static string SdkRoot()
    {
        try
        {
            var start = new ProcessStartInfo("gcloud", ["info", "--format=value(installation.sdk_root)"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
            using var gcloud = Process.Start(start)!;
            var root = gcloud.StandardOutput.ReadToEnd().Trim();
            gcloud.WaitForExit();
            return gcloud.ExitCode == 0 && Directory.Exists(Path.Combine(root, "lib", "googlecloudsdk")) ? root : throw new InvalidOperationException(Install);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("gcloud is not on PATH. " + Install);
        }
    }
}
