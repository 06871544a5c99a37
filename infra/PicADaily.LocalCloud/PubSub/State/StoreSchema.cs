namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>
/// Tables: resources as their JSON, each accepted message once, and one delivery row per
/// (message, subscription) until it is acked, carrying the redelivery state.
/// </summary>
internal static class StoreSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS topics(name TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS subscriptions(name TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS messages(
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            data BLOB NOT NULL,
            attributes TEXT NOT NULL,
            publish_time INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS deliveries(
            message_id INTEGER NOT NULL,
            subscription TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt INTEGER NOT NULL,
            PRIMARY KEY(message_id, subscription)) WITHOUT ROWID;
        """;

    /// <summary>
    /// Deliveries a publish wrote while its subscription was being deleted: dropped at start-up, so a
    /// subscription re-created under the same name never receives messages older than itself.
    /// </summary>
    public const string PurgeOrphans = """
        DELETE FROM deliveries WHERE subscription NOT IN (SELECT name FROM subscriptions);
        DELETE FROM messages WHERE id NOT IN (SELECT message_id FROM deliveries);
        """;
}
