namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>What a person does to the pictures bucket folder: one step of a generated history.</summary>
public abstract record PictureOperation(string Name)
{
    /// <summary>Writes a new picture, or overwrites a live one (a new generation).</summary>
    public sealed record Write(string Name, int ContentSeed) : PictureOperation(Name)
    {
        public override string ToString() => $"write {Name} (content {ContentSeed})";
    }

    public sealed record Delete(string Name) : PictureOperation(Name)
    {
        public override string ToString() => $"delete {Name}";
    }

    /// <summary>From here on, the next finalize pushed to <paramref name="Service"/> kills it after its write, before its ack.</summary>
    public sealed record KillAfterWrite(string Service) : PictureOperation("-")
    {
        public override string ToString() => $"kill {Service} after its next write";
    }

    /// <summary>LocalCloud stopped and started again; the next operation happens while it is down.</summary>
    public sealed record RestartLocalCloud() : PictureOperation("-")
    {
        public override string ToString() => "stop LocalCloud (next operation happens while it is down), then start it";
    }
}
