using System.Collections.Concurrent;
using System.Text.Json.Nodes;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>
/// Durable document storage in SQLite (WAL) under <c>&lt;data&gt;/firestore/</c>.
/// <para>
/// Plan: <c>documents</c> holds each document's fields as JSON; <c>field_index</c> holds one row per
/// (collection, field path, kind, order key, document id), keyed in that order, plus a second index
/// by (collection, document, path, kind). A query walks one field's entries in Firestore order
/// (orderBy) or one value's entries (equality, ARRAY_CONTAINS), checks its other equalities with
/// point lookups by document, and reads only the documents it returns (see <see cref="WalkSql"/>).
/// No statement scans a table. Writes are serialized on one connection; reads use pooled
/// connections and WAL snapshots.
/// </para>
/// </summary>
public sealed class FirestoreStore : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS collections (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS documents (
            coll_id INTEGER NOT NULL, doc_id TEXT NOT NULL, fields TEXT NOT NULL,
            create_time INTEGER NOT NULL, update_time INTEGER NOT NULL,
            PRIMARY KEY (coll_id, doc_id));
        CREATE TABLE IF NOT EXISTS field_index (
            coll_id INTEGER NOT NULL, path TEXT NOT NULL, kind INTEGER NOT NULL, value BLOB NOT NULL, doc_id TEXT NOT NULL,
            PRIMARY KEY (coll_id, path, kind, value, doc_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS field_index_by_document ON field_index (coll_id, doc_id, path, kind);
        """;

    private readonly string connectionString;
    private readonly SqliteConnection writer;
    private readonly Lock writeGate = new();
    private SqliteTransaction? activeTransaction;
    private readonly ConcurrentDictionary<string, long> collectionIds = new(StringComparer.Ordinal);

    public FirestoreStore(string dataPath, TimeProvider time)
    {
        var folder = Path.Combine(dataPath, "firestore");
        Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "firestore.db"),
            Pooling = true,
        }.ToString();
        writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, Schema);
        Execute(writer, "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;");
        using var last = writer.CreateCommand();
        last.CommandText = "SELECT COALESCE(MAX(update_time), 0) FROM documents";
        Clock = new MonotonicClock(time, (long)last.ExecuteScalar()!);
    }

    public MonotonicClock Clock { get; }

    /// <summary>
    /// Called with every statement a read runs, just before it runs; lets tests check query plans and
    /// count the work SQLite does for it (through the command's connection).
    /// </summary>
    internal Action<SqliteCommand>? ReadStatementObserver { get; set; }

    public StoredDocument? Get(DocumentPath path)
    {
        using var connection = OpenReader();
        var collection = FindCollection(connection, path.Collection);
        return collection is null ? null : ReadDocument(connection, path, collection.Value);
    }

    /// <summary>Runs <paramref name="work"/> in one SQLite transaction with a fresh commit time; all or nothing.</summary>
    public T Write<T>(Func<StoreTransaction, T> work)
    {
        lock (writeGate)
        {
            using var transaction = writer.BeginTransaction();
            activeTransaction = transaction;
            try
            {
                var result = work(new StoreTransaction(this, writer, Clock.Next()));
                transaction.Commit();
                return result;
            }
            catch
            {
                // A rolled-back transaction may have created collection ids that no longer exist.
                collectionIds.Clear();
                throw;
            }
            finally
            {
                activeTransaction = null;
            }
        }
    }

    /// <summary>Fast path for seeding: inserts documents in one transaction with no precondition checks.</summary>
    public void BulkInsert(IEnumerable<(DocumentPath Path, JsonObject Fields)> documents) =>
        Write(tx =>
        {
            foreach (var (path, fields) in documents)
            {
                tx.Put(path, fields, tx.CommitTime);
            }

            return 0;
        });

    /// <summary>
    /// The documents of a walk plan in its order, read page by page (keyset paging), so a caller that
    /// stops early reads no further. Only documents holding every required entry come back.
    /// </summary>
    public IEnumerable<StoredDocument> Walk(WalkPlan plan, int pageSize)
    {
        using var connection = OpenReader();
        if (FindCollection(connection, plan.Collection) is not { } collectionId)
        {
            yield break;
        }

        var sql = new WalkSql(plan);
        byte[]? lastValue = null;
        string? lastId = null;
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql.Text(continuing: lastId is not null);
            command.Parameters.AddWithValue("$coll", collectionId);
            command.Parameters.AddWithValue("$limit", pageSize);
            sql.Bind(command, lastValue, lastId);
            var page = ReadDocuments(command, plan.Collection, withValue: plan.OrderPath is not null);
            foreach (var (document, value) in page)
            {
                yield return document;
                lastValue = value;
                lastId = document.Path.Id;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>How many documents hold the entry, counting no further than <paramref name="cap"/>.</summary>
    public int CountEntries(string collection, IndexEntry entry, int cap) =>
        (int)Count(collection, entry.Path, "kind = $kind AND value = $value", cap, ("$kind", entry.Kind), ("$value", entry.Key));

    /// <summary>How many documents have a value at <paramref name="path"/>, counting no further than <paramref name="cap"/>.</summary>
    public long CountField(string collection, string path, long cap) => Count(collection, path, "kind = 0", cap);

    private long Count(string collection, string path, string condition, long cap, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenReader();
        if (FindCollection(connection, collection) is not { } collectionId)
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM field_index WHERE coll_id = $coll AND path = $path AND {condition} LIMIT $cap)";
        command.Parameters.AddWithValue("$coll", collectionId);
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$cap", cap);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Observe(command);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary><c>EXPLAIN QUERY PLAN</c> of a statement, one detail line per row.</summary>
    public List<string> ExplainQueryPlan(string sql)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        var lines = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    public void Dispose()
    {
        writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
    }

    internal long EnsureCollection(SqliteConnection connection, string path)
    {
        if (FindCollection(connection, path) is { } id)
        {
            return id;
        }

        using var command = CreateCommand(connection);
        command.CommandText = "INSERT INTO collections (path) VALUES ($path) RETURNING id";
        command.Parameters.AddWithValue("$path", path);
        return (long)command.ExecuteScalar()!;
    }

    internal long? FindCollection(SqliteConnection connection, string path)
    {
        if (collectionIds.TryGetValue(path, out var cached))
        {
            return cached;
        }

        using var command = CreateCommand(connection);
        command.CommandText = "SELECT id FROM collections WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        if (command.ExecuteScalar() is long id)
        {
            collectionIds[path] = id;
            return id;
        }

        return null;
    }

    internal StoredDocument? ReadDocument(SqliteConnection connection, DocumentPath path, long collectionId)
    {
        using var command = CreateCommand(connection);
        command.CommandText = "SELECT doc_id, fields, create_time, update_time FROM documents WHERE coll_id = $coll AND doc_id = $id";
        command.Parameters.AddWithValue("$coll", collectionId);
        command.Parameters.AddWithValue("$id", path.Id);
        return ReadDocuments(command, path.Collection, withValue: false).Select(d => d.Document).FirstOrDefault();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<(StoredDocument Document, byte[]? Value)> ReadDocuments(SqliteCommand command, string collection, bool withValue)
    {
        Observe(command);
        var page = new List<(StoredDocument, byte[]?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = new StoredDocument(
                new DocumentPath(collection, reader.GetString(0)),
                (JsonObject)JsonNode.Parse(reader.GetString(1))!,
                reader.GetInt64(2),
                reader.GetInt64(3));
            page.Add((document, withValue ? (byte[])reader.GetValue(4) : null));
        }

        return page;
    }

    // Microsoft.Data.Sqlite insists that commands on a connection with an open transaction name it.
    internal SqliteCommand CreateCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        if (ReferenceEquals(connection, writer))
        {
            command.Transaction = activeTransaction;
        }

        return command;
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private void Observe(SqliteCommand command) => ReadStatementObserver?.Invoke(command);
}
