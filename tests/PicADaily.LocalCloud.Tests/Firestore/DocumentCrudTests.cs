using System.Net;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

using static PicADaily.LocalCloud.Tests.Firestore.FirestoreApi;

namespace PicADaily.LocalCloud.Tests.Firestore;

public sealed class DocumentCrudTests : IAsyncLifetime
{
    private TestLocalCloud cloud = null!;
    private FirestoreApi api = null!;

    public async Task InitializeAsync()
    {
        cloud = await TestLocalCloud.StartAsync();
        api = new FirestoreApi(cloud);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await cloud.DisposeAsync();
    }

    [Fact]
    public async Task Create_with_documentId_returns_the_document_with_times_and_get_reads_it_back()
    {
        var fields = new JsonObject
        {
            ["name"] = Str("cat.jpg"),
            ["count"] = Int(42),
            ["ratio"] = Dbl(0.5),
            ["safe"] = Bool(true),
            ["gone"] = Null(),
            ["created"] = Time("2024-01-01T10:00:00.123456789Z"),
            ["labels"] = Arr(Str("Cat"), Str("Mammal")),
            ["color"] = Map(new JsonObject { ["red"] = Int(255) }),
            ["raw"] = new JsonObject { ["bytesValue"] = "AQID" },
            ["where"] = new JsonObject { ["geoPointValue"] = new JsonObject { ["latitude"] = 1.5, ["longitude"] = 2.5 } },
            ["owner"] = Ref("users/u1"),
        };

        var created = await api.Ok(HttpMethod.Post, Url("pictures", "?documentId=cat.jpg"), Doc(fields));
        var read = await api.Ok(HttpMethod.Get, Url("pictures/cat.jpg"));

        Assert.Equal(Name("pictures/cat.jpg"), created["name"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", created["createTime"]!.GetValue<string>());
        Assert.Equal(created["createTime"]!.GetValue<string>(), created["updateTime"]!.GetValue<string>());
        Assert.Equal("42", read["fields"]!["count"]!["integerValue"]!.GetValue<string>());
        Assert.Equal("2024-01-01T10:00:00.123456Z", read["fields"]!["created"]!["timestampValue"]!.GetValue<string>());
        Assert.Equal("Mammal", read["fields"]!["labels"]!["arrayValue"]!["values"]![1]!["stringValue"]!.GetValue<string>());
        Assert.Equal("255", read["fields"]!["color"]!["mapValue"]!["fields"]!["red"]!["integerValue"]!.GetValue<string>());
        Assert.True(read["fields"]!.AsObject().ContainsKey("gone"));
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task Create_without_documentId_generates_a_twenty_character_id()
    {
        var created = await api.Ok(HttpMethod.Post, Url("pictures"), Doc(new JsonObject { ["a"] = Int(1) }));

        Assert.Matches("^[A-Za-z0-9]{20}$", created["name"]!.GetValue<string>().Split('/')[^1]);
    }

    [Fact]
    public async Task Create_of_an_existing_document_fails_with_409_ALREADY_EXISTS_and_keeps_it()
    {
        await api.Ok(HttpMethod.Post, Url("pictures", "?documentId=a"), Doc(new JsonObject { ["v"] = Int(1) }));

        var second = await api.Send(HttpMethod.Post, Url("pictures", "?documentId=a"), Doc(new JsonObject { ["v"] = Int(2) }));

        AssertError(HttpStatusCode.Conflict, "ALREADY_EXISTS", second);
        var read = await api.Ok(HttpMethod.Get, Url("pictures/a"));
        Assert.Equal("1", read["fields"]!["v"]!["integerValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_a_missing_document_is_404_NOT_FOUND_in_Googles_error_shape()
    {
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("pictures/none")));
    }

    [Fact]
    public async Task Get_with_mask_returns_only_the_listed_field_paths()
    {
        await api.Put("pictures/m", new JsonObject { ["a"] = Int(1), ["b"] = Int(2), ["c"] = Map(new JsonObject { ["x"] = Int(3), ["y"] = Int(4) }) });

        var read = await api.Ok(HttpMethod.Get, Url("pictures/m", "?mask.fieldPaths=a&mask.fieldPaths=c.x"));

        Assert.Equal(["a", "c"], read["fields"]!.AsObject().Select(f => f.Key).Order());
        Assert.Equal(["x"], read["fields"]!["c"]!["mapValue"]!["fields"]!.AsObject().Select(f => f.Key));
    }

    [Fact]
    public async Task Patch_without_mask_replaces_the_whole_document_and_creates_it_when_missing()
    {
        var first = await api.Put("pictures/p", new JsonObject { ["a"] = Int(1), ["b"] = Int(2) });
        var second = await api.Put("pictures/p", new JsonObject { ["c"] = Int(3) });

        var read = await api.Ok(HttpMethod.Get, Url("pictures/p"));
        Assert.Equal(["c"], read["fields"]!.AsObject().Select(f => f.Key));
        Assert.Equal(first["createTime"]!.GetValue<string>(), second["createTime"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(second["updateTime"]!.GetValue<string>(), first["updateTime"]!.GetValue<string>()) > 0);
    }

    [Fact]
    public async Task Patch_with_updateMask_sets_listed_paths_deletes_listed_but_absent_ones_and_keeps_the_rest()
    {
        await api.Put("pictures/q", new JsonObject { ["keep"] = Int(1), ["change"] = Int(2), ["drop"] = Int(3), ["m"] = Map(new JsonObject { ["x"] = Int(1), ["y"] = Int(2) }) });

        await api.Ok(
            HttpMethod.Patch,
            Url("pictures/q", "?updateMask.fieldPaths=change&updateMask.fieldPaths=drop&updateMask.fieldPaths=m.y&updateMask.fieldPaths=added"),
            Doc(new JsonObject { ["change"] = Str("two"), ["added"] = Bool(true), ["ignored"] = Int(9) }));

        var fields = (await api.Ok(HttpMethod.Get, Url("pictures/q")))["fields"]!.AsObject();
        Assert.Equal(["added", "change", "keep", "m"], fields.Select(f => f.Key).Order());
        Assert.Equal("two", fields["change"]!["stringValue"]!.GetValue<string>());
        Assert.Equal(["x"], fields["m"]!["mapValue"]!["fields"]!.AsObject().Select(f => f.Key));
    }

    [Fact]
    public async Task Patch_with_exists_true_on_a_missing_document_is_404_and_creates_nothing()
    {
        var response = await api.Send(HttpMethod.Patch, Url("pictures/missing", "?currentDocument.exists=true"), Doc(new JsonObject { ["a"] = Int(1) }));

        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", response);
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("pictures/missing")));
    }

    [Fact]
    public async Task Patch_with_exists_false_on_an_existing_document_is_409_ALREADY_EXISTS()
    {
        await api.Put("pictures/e", new JsonObject { ["a"] = Int(1) });

        var response = await api.Send(HttpMethod.Patch, Url("pictures/e", "?currentDocument.exists=false"), Doc(new JsonObject { ["a"] = Int(2) }));

        AssertError(HttpStatusCode.Conflict, "ALREADY_EXISTS", response);
    }

    [Fact]
    public async Task Patch_with_matching_updateTime_succeeds_and_a_stale_one_is_400_FAILED_PRECONDITION()
    {
        var first = await api.Put("pictures/t", new JsonObject { ["a"] = Int(1) });
        var firstTime = first["updateTime"]!.GetValue<string>();

        await api.Ok(HttpMethod.Patch, Url("pictures/t", $"?currentDocument.updateTime={firstTime}"), Doc(new JsonObject { ["a"] = Int(2) }));
        var stale = await api.Send(HttpMethod.Patch, Url("pictures/t", $"?currentDocument.updateTime={firstTime}"), Doc(new JsonObject { ["a"] = Int(3) }));

        AssertError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", stale);
        var read = await api.Ok(HttpMethod.Get, Url("pictures/t"));
        Assert.Equal("2", read["fields"]!["a"]!["integerValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateTime_strictly_increases_on_every_write_of_a_document()
    {
        var times = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            times.Add((await api.Put("pictures/fast", new JsonObject { ["i"] = Int(i) }))["updateTime"]!.GetValue<string>());
        }

        // Compared as instants: Google's canonical form drops trailing zero digits ("…35.250Z" is before
        // "…35.250747Z"), so the text does not sort in time order.
        var instants = times.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(instants.Count, instants.Distinct().Count());
        Assert.Equal(instants, instants.Order());
    }

    [Fact]
    public async Task Delete_removes_the_document_and_deleting_a_missing_one_without_precondition_succeeds()
    {
        await api.Put("pictures/d", new JsonObject { ["a"] = Int(1) });

        var deleted = await api.Ok(HttpMethod.Delete, Url("pictures/d"));
        var again = await api.Ok(HttpMethod.Delete, Url("pictures/d"));

        Assert.Empty(deleted);
        Assert.Empty(again);
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("pictures/d")));
    }

    [Fact]
    public async Task Delete_with_preconditions_fails_on_missing_or_stale_documents_and_keeps_them()
    {
        var doc = await api.Put("pictures/dp", new JsonObject { ["a"] = Int(1) });
        await api.Put("pictures/dp", new JsonObject { ["a"] = Int(2) });

        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Delete, Url("pictures/none", "?currentDocument.exists=true")));
        AssertError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", await api.Send(HttpMethod.Delete, Url("pictures/dp", $"?currentDocument.updateTime={doc["updateTime"]}")));
        await api.Ok(HttpMethod.Get, Url("pictures/dp"));
        await api.Ok(HttpMethod.Delete, Url("pictures/dp", "?currentDocument.exists=true"));
    }

    [Fact]
    public async Task Document_ids_with_reserved_url_characters_round_trip_through_encoded_path_segments()
    {
        const string id = "a b:c%d?e#f+é";
        var url = Url("pictures/" + Uri.EscapeDataString(id));

        var created = await api.Ok(HttpMethod.Patch, url, Doc(new JsonObject { ["v"] = Int(1) }));
        var read = await api.Ok(HttpMethod.Get, url);

        Assert.Equal(Name("pictures/" + id), created["name"]!.GetValue<string>());
        Assert.Equal(Name("pictures/" + id), read["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subcollection_documents_are_separate_from_the_parent_collection()
    {
        await api.Put("users/u1/pictures/p1", new JsonObject { ["v"] = Int(1) });

        var read = await api.Ok(HttpMethod.Get, Url("users/u1/pictures/p1"));

        Assert.Equal(Name("users/u1/pictures/p1"), read["name"]!.GetValue<string>());
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("pictures/p1")));
    }

    [Fact]
    public async Task Malformed_values_and_bodies_are_400_INVALID_ARGUMENT()
    {
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Patch, Url("pictures/x"), Doc(new JsonObject { ["a"] = new JsonObject { ["integerValue"] = "ten" } })));
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Patch, Url("pictures/x"), Doc(new JsonObject { ["a"] = new JsonObject { ["unknownValue"] = 1 } })));
        AssertError(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", await api.Send(HttpMethod.Patch, Url("pictures/x"), Doc(new JsonObject { ["a"] = Arr(Arr()) })));
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await api.Http.PatchAsync(Url("pictures/x"), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("pictures/x")));
    }
}
