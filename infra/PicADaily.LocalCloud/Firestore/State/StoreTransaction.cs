using System.Text.Json.Nodes;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>The reads and writes of one atomic store transaction; every write gets <see cref="CommitTime"/> as its update time.</summary>
public sealed class StoreTransaction
{
    private readonly FirestoreStore store;
    private readonly SqliteConnection connection;

    internal StoreTransaction(FirestoreStore store, SqliteConnection connection, long commitTime)
    {
        this.store = store;
        this.connection = connection;
        CommitTime = commitTime;
    }

    /// <summary>Microseconds since the epoch; strictly later than any earlier commit.</summary>
    public long CommitTime { get; }

    public StoredDocument? Get(DocumentPath path) =>
        store.FindCollection(connection, path.Collection) is { } id ? store.ReadDocument(connection, path, id) : null;

    public StoredDocument Put(DocumentPath path, JsonObject fields, long createTime)
    {
        var collectionId = store.EnsureCollection(connection, path.Collection);
        using (var upsert = Command("""
            INSERT INTO documents (coll_id, doc_id, fields, create_time, update_time) VALUES ($coll, $id, $fields, $created, $updated)
            ON CONFLICT (coll_id, doc_id) DO UPDATE SET fields = excluded.fields, create_time = excluded.create_time, update_time = excluded.update_time
            """))
        {
            upsert.Parameters.AddWithValue("$coll", collectionId);
            upsert.Parameters.AddWithValue("$id", path.Id);
            upsert.Parameters.AddWithValue("$fields", fields.ToJsonString());
            upsert.Parameters.AddWithValue("$created", createTime);
            upsert.Parameters.AddWithValue("$updated", CommitTime);
            upsert.ExecuteNonQuery();
        }

        DeleteEntries(collectionId, path.Id);
        using var insert = Command("INSERT OR IGNORE INTO field_index (coll_id, path, kind, value, doc_id) VALUES ($coll, $path, $kind, $value, $id)");
        var pathParameter = insert.Parameters.Add("$path", SqliteType.Text);
        var kindParameter = insert.Parameters.Add("$kind", SqliteType.Integer);
        var valueParameter = insert.Parameters.Add("$value", SqliteType.Blob);
        insert.Parameters.AddWithValue("$coll", collectionId);
        insert.Parameters.AddWithValue("$id", path.Id);
        foreach (var (fieldPath, kind, key) in IndexEntries.For(fields))
        {
            pathParameter.Value = fieldPath;
            kindParameter.Value = kind;
            valueParameter.Value = key;
            insert.ExecuteNonQuery();
        }

        return new StoredDocument(path, fields, createTime, CommitTime);
    }

    public void Delete(DocumentPath path)
    {
        if (store.FindCollection(connection, path.Collection) is not { } collectionId)
        {
            return;
        }

        using var delete = Command("DELETE FROM documents WHERE coll_id = $coll AND doc_id = $id");
        delete.Parameters.AddWithValue("$coll", collectionId);
        delete.Parameters.AddWithValue("$id", path.Id);
        delete.ExecuteNonQuery();
        DeleteEntries(collectionId, path.Id);
    }

    private void DeleteEntries(long collectionId, string id)
    {
        using var delete = Command("DELETE FROM field_index WHERE coll_id = $coll AND doc_id = $id");
        delete.Parameters.AddWithValue("$coll", collectionId);
        delete.Parameters.AddWithValue("$id", id);
        delete.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = store.CreateCommand(connection);
        command.CommandText = sql;
        return command;
    }
}
