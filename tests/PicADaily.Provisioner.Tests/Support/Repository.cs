namespace PicADaily.Provisioner.Tests.Support;

/// <summary>Files of the repository the tests read (the real topology, the deploy scripts).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PicADaily.sln not found above " + AppContext.BaseDirectory);
    }
}
