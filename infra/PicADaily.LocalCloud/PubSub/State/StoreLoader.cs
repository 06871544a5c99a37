using System.Text.Json;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>What is on disk at start-up.</summary>
public sealed record StoreSnapshot(
    IReadOnlyList<TopicResource> Topics,
    IReadOnlyList<SubscriptionResource> Subscriptions,
    IReadOnlyList<StoredDelivery> Deliveries,
    long MaxMessageId);

/// <summary>An unacked delivery with its redelivery state.</summary>
public sealed record StoredDelivery(StoredMessage Message, string Subscription, int Attempts, long NextAttemptUnixMs);

internal static class StoreLoader
{
    public static StoreSnapshot Load(SqliteConnection connection)
    {
        var topics = ReadBodies<TopicResource>(connection, "SELECT body FROM topics");
        var subscriptions = ReadBodies<SubscriptionResource>(connection, "SELECT body FROM subscriptions");
        var messages = new Dictionary<long, StoredMessage>();
        var deliveries = new List<StoredDelivery>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.id, m.topic, m.data, m.attributes, m.publish_time, d.subscription, d.attempts, d.next_attempt
                FROM deliveries d JOIN messages m ON m.id = d.message_id ORDER BY m.id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!messages.TryGetValue(id, out var message))
                {
                    var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3), PubSubJson.Options) ?? [];
                    message = new StoredMessage(id, reader.GetString(1), (byte[])reader.GetValue(2), attributes,
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
                    messages.Add(id, message);
                }

                deliveries.Add(new StoredDelivery(message, reader.GetString(5), reader.GetInt32(6), reader.GetInt64(7)));
            }
        }

        long maxId;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM messages";
            maxId = (long)command.ExecuteScalar()!;
        }

        return new StoreSnapshot(topics, subscriptions, deliveries, maxId);
    }

    private static List<T> ReadBodies<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), PubSubJson.Options)!);
        }

        return result;
    }
}
