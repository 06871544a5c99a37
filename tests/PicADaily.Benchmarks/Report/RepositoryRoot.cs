namespace PicADaily.Benchmarks.Report;

/// <summary>The repository this benchmark was started in (the folder holding PicADaily.sln).</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "PicADaily.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("PicADaily.sln not found above the current folder or the benchmark's binaries.");
    }
}
