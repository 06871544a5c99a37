using System.Text.Json;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>The prepared statements of the writer, reused across transactions.</summary>
public sealed class StoreCommands : IDisposable
{
    private readonly SqliteCommand putTopic;
    private readonly SqliteCommand deleteTopic;
    private readonly SqliteCommand putSubscription;
    private readonly SqliteCommand deleteSubscription;
    private readonly SqliteCommand deleteSubscriptionDeliveries;
    private readonly SqliteCommand insertMessage;
    private readonly SqliteCommand insertDelivery;
    private readonly SqliteCommand updateDelivery;
    private readonly SqliteCommand deleteDelivery;
    private readonly SqliteCommand deleteOrphanMessage;
    private readonly SqliteCommand[] all;

    internal StoreCommands(SqliteConnection connection)
    {
        putTopic = Create(connection, "INSERT OR REPLACE INTO topics(name, body) VALUES($a, $b)", "$a", "$b");
        deleteTopic = Create(connection, "DELETE FROM topics WHERE name = $a", "$a");
        putSubscription = Create(connection, "INSERT OR REPLACE INTO subscriptions(name, body) VALUES($a, $b)", "$a", "$b");
        deleteSubscription = Create(connection, "DELETE FROM subscriptions WHERE name = $a", "$a");
        deleteSubscriptionDeliveries = Create(connection, "DELETE FROM deliveries WHERE subscription = $a", "$a");
        insertMessage = Create(connection, "INSERT INTO messages(id, topic, data, attributes, publish_time) VALUES($a, $b, $c, $d, $e)", "$a", "$b", "$c", "$d", "$e");
        insertDelivery = Create(connection, "INSERT OR REPLACE INTO deliveries(message_id, subscription, attempts, next_attempt) VALUES($a, $b, $c, $d)", "$a", "$b", "$c", "$d");
        updateDelivery = Create(connection, "UPDATE deliveries SET attempts = $c, next_attempt = $d WHERE message_id = $a AND subscription = $b", "$a", "$b", "$c", "$d");
        deleteDelivery = Create(connection, "DELETE FROM deliveries WHERE message_id = $a AND subscription = $b", "$a", "$b");
        deleteOrphanMessage = Create(connection, "DELETE FROM messages WHERE id = $a AND NOT EXISTS (SELECT 1 FROM deliveries WHERE message_id = $a)", "$a");
        all = [putTopic, deleteTopic, putSubscription, deleteSubscription, deleteSubscriptionDeliveries, insertMessage, insertDelivery, updateDelivery, deleteDelivery, deleteOrphanMessage];
    }

    public void PutTopic(string name, string json) => Run(putTopic, name, json);

    public void DeleteTopic(string name) => Run(deleteTopic, name);

    public void PutSubscription(string name, string json) => Run(putSubscription, name, json);

    public void DeleteSubscription(string name)
    {
        Run(deleteSubscription, name);
        Run(deleteSubscriptionDeliveries, name);
    }

    /// <summary>Stores a message and its pending deliveries; a message no subscription wants is not kept.</summary>
    public void InsertMessage(StoredMessage message, IEnumerable<string> subscriptions)
    {
        var any = false;
        foreach (var subscription in subscriptions)
        {
            if (!any)
            {
                Run(insertMessage, message.Id, message.Topic, message.Data,
                    JsonSerializer.Serialize(message.Attributes, PubSubJson.Options), message.PublishTime.ToUnixTimeMilliseconds());
                any = true;
            }

            Run(insertDelivery, message.Id, subscription, 0, 0L);
        }
    }

    public void UpdateDelivery(long messageId, string subscription, int attempts, long nextAttemptUnixMs) =>
        Run(updateDelivery, messageId, subscription, attempts, nextAttemptUnixMs);

    /// <summary>Removes an acked delivery, and the message once no subscription still needs it.</summary>
    public void DeleteDelivery(long messageId, string subscription)
    {
        Run(deleteDelivery, messageId, subscription);
        Run(deleteOrphanMessage, messageId);
    }

    public void Dispose()
    {
        foreach (var command in all)
        {
            command.Dispose();
        }
    }

    internal void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in all)
        {
            command.Transaction = transaction;
        }
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
