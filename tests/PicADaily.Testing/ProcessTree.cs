using System.Globalization;

namespace PicADaily.Testing;

/// <summary>
/// Reads Linux's /proc: a process's command line, state, CPU time and descendants, to aim a signal at exactly
/// one program (the fault tests) or measure the programs the app host started (the benchmarks).
/// </summary>
public static class ProcessTree
{
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The state letter of /proc/{pid}/stat (R running, S sleeping, T stopped by a signal, …); '\0' when it is gone.</summary>
    public static char State(int pid) => StatFields(pid) is { } fields ? fields[0][0] : '\0';

    public static IEnumerable<int> Children(int pid)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && StatFields(candidate) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
            {
                yield return candidate;
            }
        }
    }

    /// <summary>Children, their children, and so on (a launcher such as <c>dotnet run</c> and the program it started).</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>User plus system CPU time (fields 14 and 15 of stat) in clock ticks (USER_HZ, 100 a second); 0 when it is gone.</summary>
    public static long CpuTicks(int pid) =>
        StatFields(pid) is { } fields ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// The fields of /proc/{pid}/stat after the parenthesised command name (field 3 onwards: state, ppid, …), or
    /// null when it is gone. "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    /// </summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // exited while we looked
        }
    }
}
