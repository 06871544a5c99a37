using System.Globalization;
using System.Text.Json;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.Storage.State;

/// <summary>One connection (and optionally one transaction) on the storage index, with its queries.</summary>
public sealed class IndexSession(SqliteConnection connection, SqliteTransaction? transaction) : IDisposable
{
    private const string ObjectColumns = "bucket, name, generation, metageneration, size, content_type, metadata, headers, md5, crc32c, time_created, updated, file_ticks";

    public void Commit() => (transaction ?? throw new InvalidOperationException("This session has no transaction.")).Commit();

    public void Dispose()
    {
        transaction?.Dispose();
        connection.Dispose();
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    // ---- buckets

    public BucketRecord? GetBucket(string name) =>
        Query("SELECT name, project, metageneration, time_created FROM buckets WHERE name = $n", ReadBucket, ("$n", name)).FirstOrDefault();

    public IReadOnlyList<BucketRecord> ListBuckets() =>
        Query("SELECT name, project, metageneration, time_created FROM buckets ORDER BY name", ReadBucket);

    public void InsertBucket(BucketRecord bucket) =>
        Execute("INSERT INTO buckets (name, project, metageneration, time_created) VALUES ($n, $p, $m, $t)",
            ("$n", bucket.Name), ("$p", bucket.Project), ("$m", bucket.Metageneration), ("$t", Time(bucket.TimeCreated)));

    public void DeleteBucket(string name)
    {
        Execute("DELETE FROM notifications WHERE bucket = $n", ("$n", name));
        Execute("DELETE FROM buckets WHERE name = $n", ("$n", name));
    }

    public void BumpBucketMetageneration(string name) =>
        Execute("UPDATE buckets SET metageneration = metageneration + 1 WHERE name = $n", ("$n", name));

    // ---- objects

    public StoredObject? GetObject(string bucket, string name) =>
        Query($"SELECT {ObjectColumns} FROM objects WHERE bucket = $b AND name = $n", ReadObject, ("$b", bucket), ("$n", name)).FirstOrDefault();

    public bool HasObjects(string bucket) =>
        Query("SELECT 1 FROM objects WHERE bucket = $b LIMIT 1", r => r.GetInt32(0), ("$b", bucket)).Count > 0;

    /// <summary>Objects whose names start with <paramref name="prefix"/> and sort after <paramref name="after"/>, in UTF-8 byte order.</summary>
    /// <param name="limit">At most this many; -1 for all.</param>
    public IReadOnlyList<StoredObject> ListObjects(string bucket, string prefix, string after, int limit = -1) =>
        Query($"SELECT {ObjectColumns} FROM objects WHERE bucket = $b AND name > $a AND substr(name, 1, length($p)) = $p ORDER BY name LIMIT $l",
            ReadObject, ("$b", bucket), ("$a", after), ("$p", prefix), ("$l", limit));

    public IReadOnlyList<StoredObject> ListAllObjects() =>
        Query($"SELECT {ObjectColumns} FROM objects", ReadObject);

    public void UpsertObject(StoredObject o) =>
        Execute($"""
            INSERT OR REPLACE INTO objects ({ObjectColumns})
            VALUES ($b, $n, $g, $mg, $s, $ct, $md, $h, $md5, $crc, $tc, $u, $ft)
            """,
            ("$b", o.Bucket), ("$n", o.Name), ("$g", o.Generation), ("$mg", o.Metageneration), ("$s", o.Size),
            ("$ct", o.ContentType), ("$md", JsonSerializer.Serialize(o.Metadata)), ("$h", JsonSerializer.Serialize(o.Headers)),
            ("$md5", o.Md5Hash), ("$crc", o.Crc32C), ("$tc", Time(o.TimeCreated)), ("$u", Time(o.Updated)), ("$ft", o.FileTicks));

    public void DeleteObject(string bucket, string name) =>
        Execute("DELETE FROM objects WHERE bucket = $b AND name = $n", ("$b", bucket), ("$n", name));

    // ---- counters (generation clock, notification ids)

    public long GetCounter(string name) =>
        Query("SELECT value FROM counters WHERE name = $n", r => r.GetInt64(0), ("$n", name)).FirstOrDefault();

    public void SetCounter(string name, long value) =>
        Execute("INSERT OR REPLACE INTO counters (name, value) VALUES ($n, $v)", ("$n", name), ("$v", value));

    // ---- notification configs

    public IReadOnlyList<NotificationConfig> ListNotifications(string bucket) =>
        Query("SELECT bucket, id, topic, payload_format, event_types, prefix, custom_attributes FROM notifications WHERE bucket = $b ORDER BY id",
            ReadNotification, ("$b", bucket));

    public void InsertNotification(NotificationConfig n) =>
        Execute("INSERT INTO notifications (bucket, id, topic, payload_format, event_types, prefix, custom_attributes) VALUES ($b, $i, $t, $p, $e, $x, $c)",
            ("$b", n.Bucket), ("$i", n.Id), ("$t", n.Topic), ("$p", n.PayloadFormat), ("$e", JsonSerializer.Serialize(n.EventTypes)),
            ("$x", n.ObjectNamePrefix), ("$c", JsonSerializer.Serialize(n.CustomAttributes)));

    public bool DeleteNotification(string bucket, long id)
    {
        using var command = Command("DELETE FROM notifications WHERE bucket = $b AND id = $i", ("$b", bucket), ("$i", id));
        return command.ExecuteNonQuery() > 0;
    }

    // ---- outbox

    public void AddToOutbox(string topic, IReadOnlyDictionary<string, string> attributes, byte[] data) =>
        Execute("INSERT INTO outbox (topic, attributes, data) VALUES ($t, $a, $d)",
            ("$t", topic), ("$a", JsonSerializer.Serialize(attributes)), ("$d", data));

    public IReadOnlyList<OutboxEntry> DueOutbox(long nowTicks, int limit) =>
        Query("SELECT id, topic, attributes, data, attempts FROM outbox WHERE next_attempt_ticks <= $now ORDER BY id LIMIT $l",
            r => new OutboxEntry(r.GetInt64(0), r.GetString(1), Dictionary(r.GetString(2)), (byte[])r.GetValue(3), r.GetInt32(4)),
            ("$now", nowTicks), ("$l", limit));

    public long? NextOutboxAttemptTicks() =>
        Query("SELECT MIN(next_attempt_ticks) FROM outbox", r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0))[0];

    public int OutboxCount() => Query("SELECT COUNT(*) FROM outbox", r => r.GetInt32(0))[0];

    public void RemoveFromOutbox(long id) => Execute("DELETE FROM outbox WHERE id = $i", ("$i", id));

    public void RescheduleOutbox(long id, int attempts, long nextAttemptTicks) =>
        Execute("UPDATE outbox SET attempts = $a, next_attempt_ticks = $n WHERE id = $i", ("$a", attempts), ("$n", nextAttemptTicks), ("$i", id));

    // ---- helpers

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var results = new List<T>();
        while (reader.Read())
        {
            results.Add(read(reader));
        }

        return results;
    }

    private static BucketRecord ReadBucket(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), ParseTime(r.GetString(3)));

    private static StoredObject ReadObject(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
        r.IsDBNull(5) ? null : r.GetString(5), Dictionary(r.GetString(6)), Dictionary(r.GetString(7)),
        r.GetString(8), r.GetString(9), ParseTime(r.GetString(10)), ParseTime(r.GetString(11)), r.GetInt64(12));

    private static NotificationConfig ReadNotification(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3),
        JsonSerializer.Deserialize<List<string>>(r.GetString(4)) ?? [], r.IsDBNull(5) ? null : r.GetString(5), Dictionary(r.GetString(6)));

    private static Dictionary<string, string> Dictionary(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
