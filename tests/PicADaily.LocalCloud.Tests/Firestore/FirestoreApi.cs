using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.Firestore;

/// <summary>Raw HTTP/JSON access to LocalCloud's Firestore REST API, shaped as Google's Firestore REST reference documents it.</summary>
public sealed class FirestoreApi : IDisposable
{
    public const string Project = "picadaily-local";
    public const string Root = $"projects/{Project}/databases/(default)/documents";

    public FirestoreApi(TestLocalCloud cloud)
    {
        Http = new HttpClient { BaseAddress = cloud.BaseUri };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", "owner");
    }

    public HttpClient Http { get; }

    public static string Name(string relative) => $"{Root}/{relative}";

    public static string Url(string relative, string query = "") => $"v1/{Root}/{relative}{query}";

    public static JsonObject Str(string value) => new() { ["stringValue"] = value };

    public static JsonObject Int(long value) => new() { ["integerValue"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static JsonObject Dbl(double value) => new() { ["doubleValue"] = value };

    public static JsonObject Bool(bool value) => new() { ["booleanValue"] = value };

    public static JsonObject Null() => new() { ["nullValue"] = null };

    public static JsonObject Time(string value) => new() { ["timestampValue"] = value };

    public static JsonObject Ref(string relative) => new() { ["referenceValue"] = Name(relative) };

    public static JsonObject Arr(params JsonObject[] values) => new() { ["arrayValue"] = values.Length == 0 ? new JsonObject() : new JsonObject { ["values"] = new JsonArray(values) } };

    public static JsonObject Map(JsonObject fields) => new() { ["mapValue"] = new JsonObject { ["fields"] = fields } };

    public static JsonObject Doc(JsonObject fields) => new() { ["fields"] = fields };

    public async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonObject> Ok(HttpMethod method, string url, JsonNode? body = null)
    {
        var (status, json) = await Send(method, url, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {url} answered {status}: {json}");
        return (JsonObject)json!;
    }

    public Task<JsonObject> Put(string relative, JsonObject fields) => Ok(HttpMethod.Patch, Url(relative), Doc(fields));

    public async Task<List<JsonObject>> Query(JsonObject structuredQuery, string parent = "")
    {
        var url = parent.Length == 0 ? $"v1/{Root}:runQuery" : $"v1/{Root}/{parent}:runQuery";
        var (status, json) = await Send(HttpMethod.Post, url, new JsonObject { ["structuredQuery"] = structuredQuery.DeepClone() });
        Assert.True(status == HttpStatusCode.OK, $"runQuery answered {status}: {json}");
        var rows = Assert.IsType<JsonArray>(json);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.NotNull(row!["readTime"]));
        return [.. rows.Where(r => r!["document"] is not null).Select(r => (JsonObject)r!["document"]!)];
    }

    public async Task<List<string>> QueryIds(JsonObject structuredQuery, string parent = "") =>
        [.. (await Query(structuredQuery, parent)).Select(d => d["name"]!.GetValue<string>().Split('/')[^1])];

    public static void AssertError(HttpStatusCode expectedHttp, string expectedStatus, (HttpStatusCode Status, JsonNode? Body) response)
    {
        Assert.Equal(expectedHttp, response.Status);
        Assert.Equal(expectedStatus, response.Body?["error"]?["status"]?.GetValue<string>());
        Assert.Equal((int)expectedHttp, response.Body?["error"]?["code"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(response.Body?["error"]?["message"]?.GetValue<string>()));
    }

    public void Dispose() => Http.Dispose();
}
