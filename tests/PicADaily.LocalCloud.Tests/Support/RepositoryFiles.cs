namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>Finds files of the checkout (the folder holding PicADaily.sln) from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new DirectoryNotFoundException("PicADaily.sln not found above " + AppContext.BaseDirectory);
    }
}
