using System.Diagnostics;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>
/// The real <c>cp</c> and <c>rsync</c> binaries copying a batch of pictures into a bucket folder
/// while the scanner looks as often as it can, each look made to seem more than a settle interval
/// after the previous one (what a starved machine does to the settle rule). Whatever the
/// interleaving, every file must become exactly one generation and no temporary name an object.
/// </summary>
public sealed class RealCopyToolTests
{
    private const int FileCount = 12;

    [Theory]
    [InlineData("cp")]
    [InlineData("cp", "-p")]
    [InlineData("rsync", "-a")]
    [InlineData("rsync", "-rt", "--chmod=F640")]
    public async Task A_batch_copied_by_the_real_tool_gives_one_generation_per_file(string tool, params string[] options)
    {
        var executable = FindOnPath(tool)
            ?? throw new Xunit.Sdk.XunitException($"'{tool}' is not on PATH; these tests run the real copying tools (.ci/run installs them).");

        // The grace for pictures that look cut off is not under test here: a long one keeps the outcome independent of scheduling.
        using var folder = await FolderScannerHarness.StartAsync(incompleteGrace: TimeSpan.FromDays(1));
        var source = Path.Combine(folder.DataPath, "source");
        Directory.CreateDirectory(source);
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < FileCount; i++)
        {
            var name = $"picture-{i:00}.jpg";
            contents[name] = CopiedPictures.Jpeg(1_000_000 + (i * 4096), seed: 200 + i);
            await File.WriteAllBytesAsync(Path.Combine(source, name), contents[name]);
            File.SetLastWriteTimeUtc(Path.Combine(source, name), new DateTime(2024, 1, 1, 0, 0, i, DateTimeKind.Utc));
        }

        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        if (tool == "rsync")
        {
            start.ArgumentList.Add(source + Path.DirectorySeparatorChar);
        }
        else
        {
            foreach (var name in contents.Keys)
            {
                start.ArgumentList.Add(Path.Combine(source, name));
            }
        }

        start.ArgumentList.Add(folder.Folder + Path.DirectorySeparatorChar);
        using var copy = Process.Start(start)!;
        var errors = copy.StandardError.ReadToEndAsync();
        while (!copy.HasExited)
        {
            await folder.StalledScanAsync();
        }

        await copy.WaitForExitAsync();
        Assert.True(copy.ExitCode == 0, $"{tool} failed: {await errors}");
        await folder.SettleAsync();

        foreach (var (name, content) in contents)
        {
            folder.AssertOneGeneration(name, content);
        }

        Assert.Equal(FileCount, folder.Notifications().Count);
        Assert.Equal(contents.Keys.Order(StringComparer.Ordinal), folder.Objects().Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
