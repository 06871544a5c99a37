namespace PicADaily.Contracts.Payloads;

/// <summary>
/// What every activity payload says about the picture it concerns: which object, of which
/// generation. The frontend files each event in that picture's timeline with it.
/// </summary>
public interface IPictureEvent
{
    /// <summary>The bucket of the original picture.</summary>
    string Bucket { get; }

    /// <summary>The object name of the original picture (also the CloudEvent subject).</summary>
    string Name { get; }

    /// <summary>The generation of the original picture the work was done for.</summary>
    long Generation { get; }
}
