namespace PicADaily.LocalCloud.PubSub.Model;

/// <summary>A message Pub/Sub has accepted: its id is the durable row number.</summary>
public sealed record StoredMessage(long Id, string Topic, byte[] Data, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset PublishTime)
{
    public string MessageId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
