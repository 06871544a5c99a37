namespace PicADaily.LocalCloud.Hosting;

/// <summary>Where LocalCloud keeps its state: <c>PICADAILY_DATA</c>, else the configured path, else <c>.data/</c> at the repository root.</summary>
public static class DataFolder
{
    public const string EnvironmentVariable = "PICADAILY_DATA";

    public static string Resolve(string configured, IConfiguration configuration)
    {
        var chosen = configuration[EnvironmentVariable];
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = string.IsNullOrWhiteSpace(configured) ? Path.Combine(FindRepositoryRoot(), ".data") : configured;
        }

        var full = Path.GetFullPath(chosen);
        Directory.CreateDirectory(full);
        return full;
    }

    // The repository root is the nearest folder holding PicADaily.sln; outside a checkout, the working directory.
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
