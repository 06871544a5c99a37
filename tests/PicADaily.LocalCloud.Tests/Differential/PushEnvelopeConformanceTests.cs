using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>The wrapped push request a subscriber receives, from LocalCloud and from Google's Pub/Sub emulator.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class PushEnvelopeConformanceTests(DifferentialTargets targets)
{
    private const string Project = "conformance-push";

    [Fact]
    public async Task LocalCloud_pushes_the_same_envelope_as_the_official_emulator()
    {
        var ours = await PushedEnvelopeAsync(targets.LocalCloud);
        var theirs = await PushedEnvelopeAsync(targets.PubSubEmulator);

        Assert.True(
            JsonNode.DeepEquals(ours.Body, theirs.Body) && ours.ContentType == theirs.ContentType,
            $"Push envelopes differ.\n  LocalCloud: {ours.ContentType} {ours.Body?.ToJsonString()}\n  Emulator:   {theirs.ContentType} {theirs.Body?.ToJsonString()}");
    }

    private static async Task<(string ContentType, JsonNode? Body)> PushedEnvelopeAsync(Target target)
    {
        await using var receiver = await PushReceiver.StartAsync();
        var topic = $"v1/projects/{Project}/topics/pushed";
        await Succeed(target.Http.PutAsync(topic, JsonContent.Create(new { })));
        await Succeed(target.Http.PutAsync(
            $"v1/projects/{Project}/subscriptions/pushed-sub",
            JsonContent.Create(new { topic = $"projects/{Project}/topics/pushed", pushConfig = new { pushEndpoint = receiver.Endpoint() } })));
        await Succeed(target.Http.PostAsync(
            topic + ":publish",
            JsonContent.Create(new { messages = new[] { new { data = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")), attributes = new { kind = "greeting" } } } })));

        var push = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60)))[0];
        var contentType = push.Headers.TryGetValue("Content-Type", out var type) ? type.Split(';')[0].Trim() : "(none)";
        return (contentType, ResponseNormalizer.Normalize(Encoding.UTF8.GetString(push.Body)));
    }

    private static async Task Succeed(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
