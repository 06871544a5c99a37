using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>
/// The SQL of a <see cref="WalkPlan"/> page. Every table access is keyed:
/// the order walk is a range SEARCH on field_index's primary key (coll, path, kind, value, doc);
/// a driver is an equality SEARCH on the same key, joined to its order entry through
/// field_index_by_document; required entries are EXISTS point lookups; documents by primary key.
/// </summary>
public sealed class WalkSql(WalkPlan plan)
{
    public string Text(bool continuing)
    {
        var (cmp, order) = plan.Descending ? ("<", "DESC") : (">", "ASC");
        var required = string.Concat(plan.Required.Select((_, i) => $"""

            AND EXISTS (SELECT 1 FROM field_index r{i} WHERE r{i}.coll_id = $coll AND r{i}.path = $r{i}path AND r{i}.kind = $r{i}kind AND r{i}.value = $r{i}value AND r{i}.doc_id = {IdColumn})
            """));
        string from;
        string where;
        string orderBy;
        string bound;
        if (plan.OrderPath is null)
        {
            from = plan.Driver is null
                ? "documents d"
                : "field_index e CROSS JOIN documents d ON d.coll_id = e.coll_id AND d.doc_id = e.doc_id";
            where = plan.Driver is null ? "d.coll_id = $coll" : "e.coll_id = $coll AND e.path = $epath AND e.kind = $ekind AND e.value = $evalue";
            orderBy = $"{IdColumn} {order}";
            bound = continuing ? $"AND {IdColumn} {cmp} $id" : plan.FromId is not null ? $"AND {IdColumn} {cmp}= $fromid" : "";
            return $"SELECT {IdColumn}, d.fields, d.create_time, d.update_time FROM {from} WHERE {where} {bound}{required} ORDER BY {orderBy} LIMIT $limit";
        }

        from = plan.Driver is null
            ? "field_index o"
            : "field_index e CROSS JOIN field_index o ON o.coll_id = e.coll_id AND o.doc_id = e.doc_id AND o.path = $path AND o.kind = 0";
        where = plan.Driver is null
            ? "o.coll_id = $coll AND o.path = $path AND o.kind = 0"
            : "e.coll_id = $coll AND e.path = $epath AND e.kind = $ekind AND e.value = $evalue";
        orderBy = $"o.value {order}, o.doc_id {order}";
        bound = continuing ? $"AND (o.value, o.doc_id) {cmp} ($value, $id)" : plan.FromValue is not null ? $"AND o.value {cmp}= $from" : "";
        return $"""
            SELECT o.doc_id, d.fields, d.create_time, d.update_time, o.value
            FROM {from} CROSS JOIN documents d ON d.coll_id = o.coll_id AND d.doc_id = o.doc_id
            WHERE {where} {bound}{required}
            ORDER BY {orderBy} LIMIT $limit
            """;
    }

    public void Bind(SqliteCommand command, byte[]? lastValue, string? lastId)
    {
        if (plan.OrderPath is not null)
        {
            command.Parameters.AddWithValue("$path", plan.OrderPath);
        }

        if (plan.Driver is { } driver)
        {
            command.Parameters.AddWithValue("$epath", driver.Path);
            command.Parameters.AddWithValue("$ekind", driver.Kind);
            command.Parameters.AddWithValue("$evalue", driver.Key);
        }

        for (var i = 0; i < plan.Required.Count; i++)
        {
            command.Parameters.AddWithValue($"$r{i}path", plan.Required[i].Path);
            command.Parameters.AddWithValue($"$r{i}kind", plan.Required[i].Kind);
            command.Parameters.AddWithValue($"$r{i}value", plan.Required[i].Key);
        }

        if (lastId is not null)
        {
            command.Parameters.AddWithValue("$id", lastId);
            if (plan.OrderPath is not null)
            {
                command.Parameters.AddWithValue("$value", lastValue);
            }
        }
        else if (plan.OrderPath is not null && plan.FromValue is not null)
        {
            command.Parameters.AddWithValue("$from", plan.FromValue);
        }
        else if (plan.OrderPath is null && plan.FromId is not null)
        {
            command.Parameters.AddWithValue("$fromid", plan.FromId);
        }
    }

    private string IdColumn => plan.OrderPath is not null ? "o.doc_id" : plan.Driver is null ? "d.doc_id" : "e.doc_id";
}
