namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>Size and last-write time of a file: what tells the scanner a file changed behind the index's back.</summary>
public readonly record struct FileStamp(long Size, long Ticks)
{
    public static FileStamp? TryOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }

    public bool Matches(StoredObject stored) => stored.Size == Size && stored.FileTicks == Ticks;
}
