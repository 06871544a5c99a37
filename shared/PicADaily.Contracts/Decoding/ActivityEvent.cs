using PicADaily.Contracts.Payloads;

namespace PicADaily.Contracts.Decoding;

/// <summary>One of our own <c>dev.picadaily.*</c> CloudEvents, with its payload decoded to its record.</summary>
public abstract record ActivityEvent : InboundEvent
{
    public required Uri Source { get; init; }

    /// <summary>The decoded payload (one of the records in <c>PicADaily.Contracts.Payloads</c>).</summary>
    public abstract object Payload { get; }

    public override string ObjectName => Payload is IPictureEvent picture ? picture.Name : base.ObjectName;

    public override long ObjectGeneration => Payload is IPictureEvent picture ? picture.Generation : 0;
}

/// <summary>An activity event whose payload is <typeparamref name="TData"/>.</summary>
public sealed record ActivityEvent<TData> : ActivityEvent
    where TData : class
{
    public required TData Data { get; init; }

    public override object Payload => Data;
}
