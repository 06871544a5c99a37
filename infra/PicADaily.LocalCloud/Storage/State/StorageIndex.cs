using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.Storage.State;

/// <summary>
/// The durable index of buckets, objects, notification configs and the notification outbox.
/// SQLite rather than sidecar files: one transaction records an object change together with the
/// notifications it causes (the outbox), so a crash leaves either both or neither, and the outbox
/// survives restarts. The object bytes themselves stay plain files in the bucket folders.
/// </summary>
public sealed class StorageIndex
{
    private readonly string connectionString;

    public StorageIndex(StoragePaths paths)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = paths.IndexFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var session = Open();
        session.Execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS buckets (name TEXT PRIMARY KEY, project TEXT NOT NULL, metageneration INTEGER NOT NULL, time_created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS objects (
                bucket TEXT NOT NULL, name TEXT NOT NULL, generation INTEGER NOT NULL, metageneration INTEGER NOT NULL,
                size INTEGER NOT NULL, content_type TEXT, metadata TEXT NOT NULL, headers TEXT NOT NULL,
                md5 TEXT NOT NULL, crc32c TEXT NOT NULL, time_created TEXT NOT NULL, updated TEXT NOT NULL, file_ticks INTEGER NOT NULL,
                PRIMARY KEY (bucket, name));
            CREATE TABLE IF NOT EXISTS notifications (
                bucket TEXT NOT NULL, id INTEGER NOT NULL, topic TEXT NOT NULL, payload_format TEXT NOT NULL,
                event_types TEXT NOT NULL, prefix TEXT, custom_attributes TEXT NOT NULL, PRIMARY KEY (bucket, id));
            CREATE TABLE IF NOT EXISTS outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, attributes TEXT NOT NULL, data BLOB NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ticks INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """);
    }

    /// <summary>A connection without a transaction (reads).</summary>
    public IndexSession Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new IndexSession(connection, null);
    }

    /// <summary>A connection with a write transaction; call <see cref="IndexSession.Commit"/>.</summary>
    public IndexSession Begin()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new IndexSession(connection, connection.BeginTransaction(deferred: false));
    }
}
