using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.Storage.State;

/// <summary>
/// Where storage keeps things: visible objects under <c>buckets/</c>, and its own state (index,
/// upload temp files) under <c>storage/</c>, which is on the same volume so a finished upload is
/// moved into place by an atomic rename and never appears half-written in a bucket folder.
/// </summary>
public sealed class StoragePaths
{
    public StoragePaths(IOptions<LocalCloudOptions> options)
    {
        var data = options.Value.DataPath;
        BucketsRoot = Path.Combine(data, "buckets");
        StateFolder = Path.Combine(data, "storage");
        TempFolder = Path.Combine(StateFolder, "tmp");
        IndexFile = Path.Combine(StateFolder, "index.db");
        Directory.CreateDirectory(BucketsRoot);
        Directory.CreateDirectory(TempFolder);

        // Temp files are unfinished uploads of a previous run: nothing refers to them any more.
        foreach (var leftover in Directory.EnumerateFiles(TempFolder))
        {
            File.Delete(leftover);
        }
    }

    public string BucketsRoot { get; }

    public string StateFolder { get; }

    public string TempFolder { get; }

    public string IndexFile { get; }

    /// <summary>The folder of a bucket; throws a 400 for a name that is not a valid bucket name (and so could be a path).</summary>
    public string BucketFolder(string bucket)
    {
        BucketName.EnsureValid(bucket);
        return Path.Combine(BucketsRoot, bucket);
    }

    public string NewTempFile() => Path.Combine(TempFolder, Guid.NewGuid().ToString("N") + ".part");

    /// <summary>The file of an object; throws a 400 when the name could escape its bucket folder.</summary>
    public string ObjectFile(string bucket, string objectName)
    {
        ObjectName.EnsureValid(objectName);
        var folder = Path.GetFullPath(BucketFolder(bucket));
        var full = Path.GetFullPath(Path.Combine(folder, objectName));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw GoogleErrorException.InvalidArgument($"Object name '{objectName}' would leave its bucket folder.");
        }

        // A symbolic link someone put inside the bucket folder could lead anywhere: never go through one.
        for (var dir = Path.GetDirectoryName(full)!; dir.Length > folder.Length; dir = Path.GetDirectoryName(dir)!)
        {
            if (new DirectoryInfo(dir) is { Exists: true, LinkTarget: not null })
            {
                throw GoogleErrorException.InvalidArgument($"Object name '{objectName}' passes through a symbolic link in the bucket folder, which LocalCloud does not follow.");
            }
        }

        return full;
    }
}
