namespace PicADaily.Frontend.Timeline;

/// <summary>Breaks ties between entries with the same time in the order things must have happened.</summary>
internal static class TimelineOrdering
{
    public static int Rank(string kind) => kind switch
    {
        TimelineKinds.Uploaded or TimelineKinds.Replaced => 0,
        TimelineKinds.Analyzed or TimelineKinds.Rejected or TimelineKinds.ThumbnailCreated or TimelineKinds.ProcessingFailed => 1,
        TimelineKinds.InCollage => 2,
        TimelineKinds.Deleted or TimelineKinds.Superseded => 3,
        TimelineKinds.Cleaned => 4,
        _ => 5,
    };
}
