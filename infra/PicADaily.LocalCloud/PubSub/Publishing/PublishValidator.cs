using System.Text;

namespace PicADaily.LocalCloud.PubSub.Publishing;

/// <summary>Publish rules of the Pub/Sub REST API (topics.publish): decodes each message or says what is wrong.</summary>
public static class PublishValidator
{
    public const int MaxMessages = 1000;
    public const int MaxDataBytes = 10 * 1024 * 1024;
    public const int MaxAttributes = 100;
    public const int MaxKeyBytes = 256;
    public const int MaxValueBytes = 1024;

    /// <exception cref="GoogleErrorException">INVALID_ARGUMENT naming the message and rule.</exception>
    public static List<(byte[] Data, IReadOnlyDictionary<string, string> Attributes)> Decode(PublishRequest? request)
    {
        var messages = request?.Messages;
        if (messages is null || messages.Count == 0)
        {
            throw GoogleErrorException.InvalidArgument("The request contains no messages.");
        }

        if (messages.Count > MaxMessages)
        {
            throw GoogleErrorException.InvalidArgument($"A publish request holds at most {MaxMessages} messages; this one has {messages.Count}.");
        }

        var orderingKeys = messages.Select(m => m?.OrderingKey ?? "").Distinct(StringComparer.Ordinal).Count();
        if (orderingKeys > 1)
        {
            throw GoogleErrorException.InvalidArgument("All messages of one publish request must have the same orderingKey.");
        }

        var decoded = new List<(byte[], IReadOnlyDictionary<string, string>)>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            decoded.Add(DecodeOne(messages[i], i));
        }

        return decoded;
    }

    public static (byte[] Data, IReadOnlyDictionary<string, string> Attributes) Check(byte[] data, IReadOnlyDictionary<string, string> attributes, int index = 0)
    {
        if (data.Length == 0 && attributes.Count == 0)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index}: a message needs non-empty data or at least one attribute.");
        }

        if (data.Length > MaxDataBytes)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index}: data is larger than {MaxDataBytes} bytes.");
        }

        if (attributes.Count > MaxAttributes)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index}: more than {MaxAttributes} attributes.");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes || key.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
            {
                throw GoogleErrorException.InvalidArgument($"Message {index}: invalid attribute key '{key}' (1–{MaxKeyBytes} bytes, not starting with 'goog').");
            }

            if (Encoding.UTF8.GetByteCount(value ?? "") > MaxValueBytes)
            {
                throw GoogleErrorException.InvalidArgument($"Message {index}: the value of attribute '{key}' is larger than {MaxValueBytes} bytes.");
            }
        }

        return (data, attributes);
    }

    private static (byte[], IReadOnlyDictionary<string, string>) DecodeOne(WireMessage? message, int index)
    {
        if (message is null)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index} is null.");
        }

        if (message.MessageId is not null || message.PublishTime is not null)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index}: messageId and publishTime are set by the server.");
        }

        byte[] data;
        try
        {
            data = string.IsNullOrEmpty(message.Data) ? [] : Convert.FromBase64String(message.Data);
        }
        catch (FormatException)
        {
            throw GoogleErrorException.InvalidArgument($"Message {index}: data is not valid base64.");
        }

        return Check(data, (IReadOnlyDictionary<string, string>?)message.Attributes ?? new Dictionary<string, string>(), index);
    }
}
