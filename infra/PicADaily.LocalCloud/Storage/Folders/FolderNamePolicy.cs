namespace PicADaily.LocalCloud.Storage.Folders;

/// <summary>
/// Which file names in a bucket folder are never announced as new objects: the scratch files that
/// copying tools write before the real name appears. rsync writes <c>.name.XXXXXX</c> and renames it,
/// GIO/file managers write <c>.goutputstream-XXXXXX</c> or <c>name.part</c>, browsers <c>*.crdownload</c>,
/// editors leave <c>name~</c>; desktops add <c>.DS_Store</c>, <c>.Trash-1000/</c> and the like.
/// Announcing one would publish an event for an object that vanishes a moment later, and the
/// real file would then be announced again under its own name.
/// Names the index already holds (an object created through the JSON API may be called <c>.keep</c>
/// or <c>a.tmp</c>) are objects whatever their name: the scanner keeps treating those as usual.
/// </summary>
public static class FolderNamePolicy
{
    private static readonly string[] ScratchSuffixes = [".part", ".partial", ".crdownload", ".download", ".tmp", "~"];

    /// <summary>True when a file with this object name, found in a bucket folder and unknown to the index, must not be announced.</summary>
    public static bool IsScratch(string objectName)
    {
        foreach (var segment in objectName.Split('/'))
        {
            // Hidden files and everything inside hidden folders: rsync temporaries, .goutputstream-*, .Trash-*, .DS_Store.
            if (segment.StartsWith('.'))
            {
                return true;
            }
        }

        foreach (var suffix in ScratchSuffixes)
        {
            if (objectName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
