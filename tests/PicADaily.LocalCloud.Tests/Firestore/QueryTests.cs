using System.Net;
using System.Text.Json.Nodes;
using PicADaily.LocalCloud.Firestore.Query;
using PicADaily.LocalCloud.PubSub.Filtering;
using PicADaily.LocalCloud.Tests.Support;
using static PicADaily.LocalCloud.Tests.Firestore.FirestoreApi;

namespace PicADaily.LocalCloud.Tests.Firestore;

public sealed class QueryTests : IAsyncLifetime
{
    private TestLocalCloud cloud = null!;
    private FirestoreApi api = null!;

    public async Task InitializeAsync()
    {
        cloud = await TestLocalCloud.StartAsync();
        api = new FirestoreApi(cloud);
        // p1..p6: created 1..6; p6 lacks "created"; labels, safe and thumbnail vary.
        await Seed("p1", 1, true, true, "Cat", "Red");
        await Seed("p2", 2, true, false, "Dog");
        await Seed("p3", 3, false, true, "Cat");
        await Seed("p4", 4, true, true, "Cat", "Blue");
        await Seed("p5", 5, true, true, "Bird");
        await api.Put("pictures/p6", new JsonObject { ["safe"] = Bool(true), ["thumbnail"] = Bool(true), ["labels"] = Arr(Str("Cat")) });
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await cloud.DisposeAsync();
    }

    private Task Seed(string id, int minute, bool safe, bool thumbnail, params string[] labels) =>
        api.Put("pictures/" + id, new JsonObject
        {
            ["created"] = Time($"2024-01-01T10:0{minute}:00Z"),
            ["safe"] = Bool(safe),
            ["thumbnail"] = Bool(thumbnail),
            ["labels"] = Arr([.. labels.Select(Str)]),
            ["rank"] = Int(minute),
        });

    private static JsonObject From(string collection = "pictures") => new() { ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection }) };

    private static JsonObject Field(string path, string op, JsonObject value) =>
        new() { ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = path }, ["op"] = op, ["value"] = value } };

    private static JsonObject Unary(string path, string op) =>
        new() { ["unaryFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = path }, ["op"] = op } };

    private static JsonObject And(params JsonObject[] filters) => new() { ["compositeFilter"] = new JsonObject { ["op"] = "AND", ["filters"] = new JsonArray(filters) } };

    private static JsonObject Or(params JsonObject[] filters) => new() { ["compositeFilter"] = new JsonObject { ["op"] = "OR", ["filters"] = new JsonArray(filters) } };

    private static JsonArray Order(params (string Path, string Direction)[] orders) =>
        new([.. orders.Select(o => (JsonNode)new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = o.Path }, ["direction"] = o.Direction })]);

    private static JsonObject Gallery() =>
        With(From(), ("where", And(Field("safe", "EQUAL", Bool(true)), Field("thumbnail", "EQUAL", Bool(true)))), ("orderBy", Order(("created", "DESCENDING"))));

    private static JsonObject With(JsonObject query, params (string Key, JsonNode Value)[] members)
    {
        foreach (var (key, value) in members)
        {
            query[key] = value;
        }

        return query;
    }

    [Fact]
    public async Task Gallery_query_returns_equality_matches_newest_first_and_leaves_out_documents_without_the_order_field()
    {
        Assert.Equal(["p5", "p4", "p1"], await api.QueryIds(Gallery()));
    }

    [Fact]
    public async Task Limit_and_a_startAt_cursor_with_before_false_page_through_the_gallery()
    {
        var first = await api.Query(With(Gallery(), ("limit", 2)));
        var last = first[^1];
        var cursor = new JsonObject
        {
            ["values"] = new JsonArray((JsonObject)last["fields"]!["created"]!.DeepClone(), new JsonObject { ["referenceValue"] = last["name"]!.GetValue<string>() }),
            ["before"] = false,
        };

        var next = await api.QueryIds(With(Gallery(), ("limit", 2), ("startAt", cursor)));

        Assert.Equal(["p5", "p4"], first.Select(d => d["name"]!.GetValue<string>().Split('/')[^1]));
        Assert.Equal(["p1"], next);
    }

    [Fact]
    public async Task StartAt_before_true_includes_the_cursor_document_and_endAt_bounds_the_other_end()
    {
        static JsonObject Cursor(int minute, bool before) => new() { ["values"] = new JsonArray(Time($"2024-01-01T10:0{minute}:00Z")), ["before"] = before };
        var ordered = With(From(), ("orderBy", Order(("created", "ASCENDING"))));

        Assert.Equal(["p2", "p3", "p4"], await api.QueryIds(With((JsonObject)ordered.DeepClone(), ("startAt", Cursor(2, true)), ("endAt", Cursor(4, false)))));
        Assert.Equal(["p3"], await api.QueryIds(With((JsonObject)ordered.DeepClone(), ("startAt", Cursor(2, false)), ("endAt", Cursor(4, true)))));
    }

    [Fact]
    public async Task Offset_skips_matching_documents_before_the_limit_applies()
    {
        Assert.Equal(["p4", "p3"], await api.QueryIds(With(From(), ("orderBy", Order(("created", "DESCENDING"))), ("offset", 1), ("limit", 2))));
    }

    [Fact]
    public async Task Array_contains_combined_with_equality_and_order_filters_by_label()
    {
        var query = With(From(), ("where", And(Field("labels", "ARRAY_CONTAINS", Str("Cat")), Field("safe", "EQUAL", Bool(true)))), ("orderBy", Order(("created", "DESCENDING"))), ("limit", 20));

        Assert.Equal(["p4", "p1"], await api.QueryIds(query));
    }

    [Fact]
    public async Task Range_operators_are_type_bound_and_order_implicitly_by_the_inequality_field()
    {
        await api.Put("pictures/s", new JsonObject { ["rank"] = Str("3") });

        Assert.Equal(["p4", "p5"], await api.QueryIds(With(From(), ("where", Field("rank", "GREATER_THAN", Int(3))))));
        Assert.Equal(["p3", "p4", "p5"], await api.QueryIds(With(From(), ("where", Field("rank", "GREATER_THAN_OR_EQUAL", Dbl(3.0))))));
        Assert.Equal(["p1"], await api.QueryIds(With(From(), ("where", Field("rank", "LESS_THAN", Dbl(1.5))))));
        Assert.Equal(["p1", "p2"], await api.QueryIds(With(From(), ("where", Field("rank", "LESS_THAN_OR_EQUAL", Int(2))))));
        Assert.Equal(["s"], await api.QueryIds(With(From(), ("where", Field("rank", "GREATER_THAN", Str(""))))));
    }

    [Fact]
    public async Task Not_equal_in_and_or_filters_select_as_Firestore_does()
    {
        await api.Put("pictures/n", new JsonObject { ["rank"] = Null() });

        Assert.Equal(["p1", "p2", "p4", "p5"], await api.QueryIds(With(From(), ("where", Field("rank", "NOT_EQUAL", Int(3))))));
        Assert.Equal(["p2", "p5"], await api.QueryIds(With(From(), ("where", Field("rank", "IN", Arr(Int(2), Dbl(5.0), Str("x")))))));
        Assert.Equal(["p1", "p2", "p5"], await api.QueryIds(With(From(), ("where", Or(Field("labels", "ARRAY_CONTAINS", Str("Dog")), Field("rank", "IN", Arr(Int(1), Int(5))))))));
        Assert.Equal(["p2", "p5"], await api.QueryIds(With(From(), ("where", Field("labels", "ARRAY_CONTAINS_ANY", Arr(Str("Dog"), Str("Bird")))))));
    }

    [Fact]
    public async Task Unary_filters_tell_null_from_absent()
    {
        await api.Put("pictures/n", new JsonObject { ["rank"] = Null() });

        Assert.Equal(["n"], await api.QueryIds(With(From(), ("where", Unary("rank", "IS_NULL")))));
        Assert.Equal(["p1", "p2", "p3", "p4", "p5"], await api.QueryIds(With(From(), ("where", Unary("rank", "IS_NOT_NULL")))));
    }

    [Fact]
    public async Task OrderBy_follows_Firestore_value_order_across_types_with_the_name_as_tiebreak()
    {
        var values = new (string Id, JsonObject Value)[]
        {
            ("t9", new JsonObject { ["mapValue"] = new JsonObject() }),
            ("t8", Arr(Int(1))),
            ("t7", Arr()),
            ("t6", new JsonObject { ["geoPointValue"] = new JsonObject { ["latitude"] = 0.0, ["longitude"] = 0.0 } }),
            ("t5", Ref("a/b")),
            ("t4", new JsonObject { ["bytesValue"] = "AA==" }),
            ("t3b", Str("b")),
            ("t3a", Str("a")),
            ("t2", Time("2000-01-01T00:00:00Z")),
            ("t1c", Dbl(2.5)),
            ("t1b", Int(2)),
            ("t1a", new JsonObject { ["doubleValue"] = "-Infinity" }),
            ("t0b", Bool(true)),
            ("t0a", Bool(false)),
            ("n", Null()),
            ("m", Int(2)),
        };
        foreach (var (id, value) in values)
        {
            await api.Put("mixed/" + id, new JsonObject { ["v"] = value });
        }

        var ascending = await api.QueryIds(With(From("mixed"), ("orderBy", Order(("v", "ASCENDING")))));
        var descending = await api.QueryIds(With(From("mixed"), ("orderBy", Order(("v", "DESCENDING")))));

        string[] expected = ["n", "t0a", "t0b", "t1a", "m", "t1b", "t1c", "t2", "t3a", "t3b", "t4", "t5", "t6", "t7", "t8", "t9"];
        Assert.Equal(expected, ascending);
        Assert.Equal(expected.Reverse(), descending);
    }

    [Fact]
    public async Task Select_returns_only_the_projected_fields()
    {
        var docs = await api.Query(With(Gallery(), ("select", new JsonObject { ["fields"] = new JsonArray(new JsonObject { ["fieldPath"] = "rank" }) }), ("limit", 1)));

        Assert.Equal(["rank"], Assert.Single(docs)["fields"]!.AsObject().Select(f => f.Key));
    }

    [Fact]
    public async Task An_empty_result_is_a_single_element_holding_only_readTime_and_done()
    {
        var (status, body) = await api.Send(HttpMethod.Post, $"v1/{Root}:runQuery", new JsonObject { ["structuredQuery"] = With(From(), ("where", Field("labels", "ARRAY_CONTAINS", Str("Whale")))) });

        Assert.Equal(HttpStatusCode.OK, status);
        var only = Assert.Single(body!.AsArray());
        Assert.Equal(["readTime", "done"], only!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_query_under_a_document_reads_its_subcollection_only()
    {
        await api.Put("users/u1/pictures/x", new JsonObject { ["created"] = Int(1) });

        Assert.Equal(["x"], await api.QueryIds(From(), "users/u1"));
    }

    [Fact]
    public async Task Without_orderBy_results_come_in_name_order_and_deleted_documents_leave_the_index()
    {
        await api.Ok(HttpMethod.Delete, Url("pictures/p3"));

        Assert.Equal(["p1", "p2", "p4", "p5", "p6"], await api.QueryIds(From()));
        Assert.Equal(["p4", "p1"], await api.QueryIds(With(From(), ("where", Field("labels", "ARRAY_CONTAINS", Str("Cat"))), ("orderBy", Order(("rank", "DESCENDING"), ("__name__", "ASCENDING"))))));
    }

    [Fact]
    public async Task Invalid_queries_are_400_INVALID_ARGUMENT()
    {
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Post, $"v1/{Root}:runQuery", new JsonObject { ["structuredQuery"] = With(From(), ("where", Field("a", "LIKE", Int(1)))) }));
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Post, $"v1/{Root}:runQuery", new JsonObject { ["structuredQuery"] = new JsonObject() }));
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Post, $"v1/{Root}:runQuery", new JsonObject { ["structuredQuery"] = With(From(), ("where", Field("a", "IN", Int(1)))) }));
    }
}
