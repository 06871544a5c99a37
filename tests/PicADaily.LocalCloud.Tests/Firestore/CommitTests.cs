using System.Net;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

using static PicADaily.LocalCloud.Tests.Firestore.FirestoreApi;

namespace PicADaily.LocalCloud.Tests.Firestore;

public sealed class CommitTests : IAsyncLifetime
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

    private static JsonObject Update(string relative, JsonObject fields, string[]? mask = null, JsonObject? currentDocument = null, string? requestTimeField = null)
    {
        var write = new JsonObject { ["update"] = new JsonObject { ["name"] = Name(relative), ["fields"] = fields } };
        if (mask is not null)
        {
            write["updateMask"] = new JsonObject { ["fieldPaths"] = new JsonArray([.. mask.Select(m => (JsonNode)m)]) };
        }

        if (currentDocument is not null)
        {
            write["currentDocument"] = currentDocument;
        }

        if (requestTimeField is not null)
        {
            write["updateTransforms"] = new JsonArray(new JsonObject { ["fieldPath"] = requestTimeField, ["setToServerValue"] = "REQUEST_TIME" });
        }

        return write;
    }

    private static JsonObject Delete(string relative, JsonObject? currentDocument = null)
    {
        var write = new JsonObject { ["delete"] = Name(relative) };
        if (currentDocument is not null)
        {
            write["currentDocument"] = currentDocument;
        }

        return write;
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> Commit(params JsonObject[] writes) =>
        api.Send(HttpMethod.Post, $"v1/{Root}:commit", new JsonObject { ["writes"] = new JsonArray(writes) });

    [Fact]
    public async Task Commit_applies_update_mask_precondition_delete_and_request_time_in_order_with_one_commit_time()
    {
        await api.Put("pictures/a", new JsonObject { ["keep"] = Int(1), ["status"] = Str("new") });
        await api.Put("tmp/x", new JsonObject { ["v"] = Int(1) });

        var (status, body) = await Commit(
            Update("pictures/a", new JsonObject { ["status"] = Str("labeled") }, ["status"], new JsonObject { ["exists"] = true }, "updatedAt"),
            Delete("tmp/x"),
            Update("pictures/b", new JsonObject { ["v"] = Int(2) }));

        Assert.Equal(HttpStatusCode.OK, status);
        var commitTime = body!["commitTime"]!.GetValue<string>();
        var results = body["writeResults"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal(commitTime, results[0]!["updateTime"]!.GetValue<string>());
        Assert.Equal(commitTime, results[0]!["transformResults"]![0]!["timestampValue"]!.GetValue<string>());
        Assert.Equal(commitTime, results[2]!["updateTime"]!.GetValue<string>());
        var a = (await api.Ok(HttpMethod.Get, Url("pictures/a")))["fields"]!;
        Assert.Equal("labeled", a["status"]!["stringValue"]!.GetValue<string>());
        Assert.Equal("1", a["keep"]!["integerValue"]!.GetValue<string>());
        Assert.Equal(commitTime, a["updatedAt"]!["timestampValue"]!.GetValue<string>());
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await api.Send(HttpMethod.Get, Url("tmp/x")));
        await api.Ok(HttpMethod.Get, Url("pictures/b"));
    }

    [Fact]
    public async Task Commit_is_atomic_a_failed_precondition_applies_none_of_the_writes()
    {
        await api.Put("pictures/kept", new JsonObject { ["v"] = Int(1) });

        var response = await Commit(
            Update("pictures/kept", new JsonObject { ["v"] = Int(2) }),
            Delete("pictures/kept"),
            Update("pictures/missing", new JsonObject { ["v"] = Int(3) }, currentDocument: new JsonObject { ["exists"] = true }));

        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", response);
        var kept = await api.Ok(HttpMethod.Get, Url("pictures/kept"));
        Assert.Equal("1", kept["fields"]!["v"]!["integerValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commit_with_a_stale_updateTime_is_400_FAILED_PRECONDITION_and_with_exists_false_on_an_existing_document_409()
    {
        var first = await api.Put("pictures/c", new JsonObject { ["v"] = Int(1) });
        await api.Put("pictures/c", new JsonObject { ["v"] = Int(2) });

        AssertError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", await Commit(Update("pictures/c", new JsonObject(), currentDocument: new JsonObject { ["updateTime"] = first["updateTime"]!.GetValue<string>() })));
        AssertError(HttpStatusCode.Conflict, "ALREADY_EXISTS", await Commit(Update("pictures/c", new JsonObject(), currentDocument: new JsonObject { ["exists"] = false })));
        AssertError(HttpStatusCode.NotFound, "NOT_FOUND", await Commit(Delete("pictures/none", new JsonObject { ["exists"] = true })));
    }
}
