using System.Diagnostics;

namespace PicADaily.EndToEnd.Tests.Batch;

/// <summary>
/// The ways people put files into a folder, each reproduced with the system calls that tool makes:
/// the file appears under its own name or under a temporary one, its time is set before or after the
/// bytes are written, its mode may change afterwards. Each must become exactly one object generation.
/// </summary>
public static class FolderCopy
{
    public enum Tool
    {
        /// <summary><c>cp</c>: writes the target in place; the modification time is the time of the last write.</summary>
        Cp,

        /// <summary><c>cp -p</c>: writes the target in place, then sets the source's (older) times on it.</summary>
        CpPreservingTimes,

        /// <summary><c>cp</c> followed by <c>chmod 600</c>.</summary>
        CpThenChmod,

        /// <summary><c>rsync -a</c>: writes a hidden <c>.name.XXXXXX</c>, sets its times, renames it into place.</summary>
        Rsync,

        /// <summary>A desktop file manager (KDE's kio and browsers): writes <c>name.part</c>, renames it, sets times.</summary>
        FileManager,
    }

    public static async Task CopyAsync(Tool tool, string source, string targetFolder)
    {
        var target = Path.Combine(targetFolder, Path.GetFileName(source));
        switch (tool)
        {
            case Tool.Cp:
                await RunAsync("cp", source, target);
                break;
            case Tool.CpPreservingTimes:
                await RunAsync("cp", "-p", source, target);
                break;
            case Tool.CpThenChmod:
                await RunAsync("cp", source, target);
                await RunAsync("chmod", "600", target);
                break;
            case Tool.Rsync:
                await WriteThenRenameAsync(source, target, Path.Combine(targetFolder, $".{Path.GetFileName(source)}.{Guid.NewGuid().ToString("N")[..6]}"));
                break;
            case Tool.FileManager:
                await WriteThenRenameAsync(source, target, target + ".part");
                File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tool), tool, null);
        }
    }

    // Written in chunks with the file open, as copying tools do, so a scanner can see it half written.
    private static async Task WriteThenRenameAsync(string source, string target, string temporary)
    {
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(temporary))
        {
            var buffer = new byte[128 * 1024];
            int read;
            while ((read = await input.ReadAsync(buffer)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read));
                await output.FlushAsync();
            }
        }

        File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(source));
        File.Move(temporary, target, overwrite: true);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}");
        }
    }
}
