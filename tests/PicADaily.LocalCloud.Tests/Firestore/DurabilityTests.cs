using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

using static PicADaily.LocalCloud.Tests.Firestore.FirestoreApi;

namespace PicADaily.LocalCloud.Tests.Firestore;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Documents_and_their_index_survive_a_restart_on_the_same_data_folder_and_update_times_keep_increasing()
    {
        string dataPath;
        string lastUpdate;
        await using (var first = await TestLocalCloud.StartAsync())
        {
            dataPath = first.DataPath;
            using var api = new FirestoreApi(first);
            await api.Put("pictures/a", new JsonObject { ["labels"] = Arr(Str("Cat")), ["created"] = Int(1) });
            lastUpdate = (await api.Put("pictures/b", new JsonObject { ["labels"] = Arr(Str("Dog")), ["created"] = Int(2) }))["updateTime"]!.GetValue<string>();
            await api.Ok(HttpMethod.Delete, Url("pictures/a"));
        }

        Assert.True(File.Exists(Path.Combine(dataPath, "firestore", "firestore.db")));
        await using var second = await TestLocalCloud.StartAsync(dataPath);
        using var again = new FirestoreApi(second);

        var b = await again.Ok(HttpMethod.Get, Url("pictures/b"));
        var dogs = await again.QueryIds(new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = "pictures" }),
            ["where"] = new JsonObject { ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "labels" }, ["op"] = "ARRAY_CONTAINS", ["value"] = Str("Dog") } },
        });
        var all = await again.QueryIds(new JsonObject { ["from"] = new JsonArray(new JsonObject { ["collectionId"] = "pictures" }) });
        var rewritten = await again.Put("pictures/b", new JsonObject { ["created"] = Int(3) });

        Assert.Equal(lastUpdate, b["updateTime"]!.GetValue<string>());
        Assert.Equal(["b"], dogs);
        Assert.Equal(["b"], all);
        Assert.True(string.CompareOrdinal(rewritten["updateTime"]!.GetValue<string>(), lastUpdate) > 0);
    }
}
