namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>What recording a file found in a bucket folder did.</summary>
public enum FolderWriteOutcome
{
    /// <summary>The file changed after it was hashed; nothing was recorded, the scanner waits for it to settle again.</summary>
    ChangedMeanwhile,

    /// <summary>A new generation was recorded and announced.</summary>
    NewGeneration,

    /// <summary>The index already described exactly this file (size and modification time).</summary>
    AlreadyRecorded,

    /// <summary>
    /// Only the file's times changed (<c>cp -p</c>, <c>rsync -a</c>, <c>touch</c>, a file manager or a
    /// <c>chmod</c> after the copy): same size and checksums as the live generation, so only the stamp
    /// was updated and nothing was announced.
    /// </summary>
    SameContent,
}
