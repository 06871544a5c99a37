namespace PicADaily.LocalCloud.PubSub.Filtering;

/// <summary>A filter that is not valid Pub/Sub filter syntax.</summary>
public sealed class FilterSyntaxException(string message) : Exception(message);
