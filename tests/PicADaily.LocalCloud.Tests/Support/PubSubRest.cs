using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>Raw REST calls to LocalCloud's Pub/Sub, as a service's thin client would make them.</summary>
public sealed class PubSubRest(HttpClient http, string project = "test-project")
{
    public string Project { get; } = project;

    public string Topic(string id) => $"projects/{Project}/topics/{id}";

    public string Subscription(string id) => $"projects/{Project}/subscriptions/{id}";

    public Task<HttpResponseMessage> CreateTopicAsync(string id) =>
        http.PutAsync($"v1/projects/{Project}/topics/{id}", JsonContent.Create(new { }));

    public Task<HttpResponseMessage> CreateSubscriptionAsync(string id, object body) =>
        http.PutAsync($"v1/projects/{Project}/subscriptions/{id}", JsonContent.Create(body));

    public async Task CreateTopicOrFailAsync(string id) => (await CreateTopicAsync(id)).EnsureSuccessStatusCode();

    public async Task CreateSubscriptionOrFailAsync(string id, object body)
    {
        var response = await CreateSubscriptionAsync(id, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> PublishAsync(string topicId, params object[] messages) =>
        http.PostAsync($"v1/projects/{Project}/topics/{topicId}:publish", JsonContent.Create(new { messages }));

    public async Task<IReadOnlyList<string>> PublishOrFailAsync(string topicId, params object[] messages)
    {
        var response = await PublishAsync(topicId, messages);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["messageIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
    }

    public static object Message(string text, IReadOnlyDictionary<string, string>? attributes = null) =>
        new { data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), attributes };

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        var response = await http.PostAsync(path, JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string path) =>
        JsonNode.Parse(await http.GetStringAsync(path))!;

    public static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
}
