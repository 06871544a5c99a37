using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>
/// Every gcloud command line deploy.sh and teardown.sh print in --dry-run (the changes, the existence
/// checks and the reads) goes through the installed gcloud's parser: an unknown flag, a wrong group or a
/// bad value is refused before any credential is needed, so each line must get as far as asking for an
/// account. The fake-gcloud tests cover what the scripts do with the answers.
/// </summary>
public sealed class DeployCommandsParseTests
{
    private static readonly string[] Prefixes = ["+ gcloud ", "# if missing: gcloud ", "# reads: gcloud "];

    [Fact]
    public async Task The_real_gcloud_accepts_the_arguments_of_every_deploy_and_teardown_command()
    {
        using var gcloud = new FakeGcloud();
        var deploy = await gcloud.RunAsync("deploy.sh", "--project", "demo-project", "--region", "europe-west1", "--dry-run");
        var teardown = await gcloud.RunAsync("teardown.sh", "--project", "demo-project", "--region", "europe-west1", "--dry-run");
        Assert.True(deploy.ExitCode == 0, deploy.Error);
        Assert.True(teardown.ExitCode == 0, teardown.Error);
        var lines = CommandLines(deploy.Output + deploy.Error + teardown.Output + teardown.Error);
        Assert.Contains(lines, l => l.StartsWith("gcloud run deploy ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gcloud scheduler jobs create pubsub ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gcloud projects describe ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gcloud storage rm ", StringComparison.Ordinal));

        var answers = await RealGcloud.ParseAsync(lines, workers: 2, TimeSpan.FromMinutes(4));

        var refused = answers.Where(a => !a.ParsedAndAskedForCredentials).Select(a => $"{a.Line}\n  -> exit {a.ExitCode}: {a.Output.Trim()}").ToList();
        Assert.True(refused.Count == 0, $"gcloud refused {refused.Count} of {answers.Count} command lines:\n{string.Join("\n", refused)}");
    }

    // The printed lines are bash-quoted (printf %q); Python's shlex reads them back unless bash chose $'...'.
    private static List<string> CommandLines(string output)
    {
        var lines = output.Split('\n')
            .Select(line => Prefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? line[(prefix.Length - "gcloud ".Length)..] : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.DoesNotContain(lines, l => l.Contains("$'", StringComparison.Ordinal));
        return lines;
    }
}
