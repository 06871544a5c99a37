using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Payloads;
using PicADaily.Frontend.Operations;
using PicADaily.Frontend.Tests.Support;
using PicADaily.Frontend.Timeline;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Frontend.Tests;

/// <summary>The operations page: failures and dead letters of the last day, for admins, and replay of a kept dead letter to its original topic.</summary>
public sealed class OperationsTests : IDisposable
{
    private const string Admin = "ops@localhost";
    private const string Name = "20260101/0123456789abcdef0123456789abcdef.jpg";
    private const long Generation = 1_700_000_000_000_001;
    private static readonly DeadLetter GaveUp = new("projects/picadaily-local/subscriptions/image-analysis-picture-events", 5);

    // A replay answers with a redirect back to the page: the tests look at that answer itself.
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    private readonly OperationsFactory asAdmin = new(Admin);
    private readonly OperationsFactory asSomeoneElse = new(null);

    public void Dispose()
    {
        asAdmin.Dispose();
        asSomeoneElse.Dispose();
    }

    [Fact]
    public async Task Only_admins_see_the_page_or_replay()
    {
        using var client = asSomeoneElse.CreateClient();
        var token = await Antiforgery.TokenAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/operations")).StatusCode);
        var replay = await client.PostAsync("/operations?handler=ReplayAll", Form(token, ("subscription", "image-analysis-picture-events")));
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Empty(asSomeoneElse.Publisher.Published);
    }

    [Fact]
    public async Task Failures_and_dead_letters_are_grouped_per_service_and_reason_with_counts_and_pictures()
    {
        using var client = asAdmin.CreateClient(NoRedirects);
        await DeliverAsync(client, Deliveries.Activity("thumbnail", new ProcessingFailed("pictures", Name, Generation, "thumbnail", "corrupt", "corrupt image"), "e-1"));
        await DeliverAsync(client, Deliveries.Activity("thumbnail", new ProcessingFailed("pictures", "other.jpg", 7, "thumbnail", "corrupt", "corrupt image"), "e-2"));
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: GaveUp, messageId: "dead-1"));

        var html = await client.GetStringAsync("/operations");

        Assert.Matches("data-kind=\"processing-failed\" data-service=\"thumbnail\">[\\s\\S]*?corrupt image[\\s\\S]*?<td class=\"count\">2</td>", html);
        Assert.Contains("other.jpg", html, StringComparison.Ordinal);
        Assert.Matches("data-kind=\"dead-lettered\" data-service=\"image-analysis-picture-events\">[\\s\\S]*?<td class=\"count\">1</td>", html);
        Assert.Contains("Cloud Monitoring", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_needs_the_antiforgery_token()
    {
        using var client = asAdmin.CreateClient(NoRedirects);
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: GaveUp, messageId: "dead-1"));

        var replay = await client.PostAsync("/operations?handler=ReplayAll", new FormUrlEncodedContent([new("subscription", "image-analysis-picture-events")]));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Empty(asAdmin.Publisher.Published);
    }

    [Fact]
    public async Task A_kept_dead_letter_is_replayed_once_to_its_original_topic_as_it_was_and_the_timeline_says_so()
    {
        using var client = asAdmin.CreateClient(NoRedirects);
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: GaveUp, messageId: "dead-1"));
        // Pub/Sub redelivers the dead letter itself: it is kept once.
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: GaveUp, messageId: "dead-1"));
        var kept = Assert.Single(asAdmin.Firestore.In(DeadLetterStore.Collection));
        var token = await Antiforgery.TokenAsync(client);

        var replay = await client.PostAsync("/operations?handler=Replay", Form(token, ("id", kept.Id)));

        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        var (topic, message) = Assert.Single(asAdmin.Publisher.Published);
        Assert.Equal("picture-events", topic);
        Assert.Equal(Name, message.Attributes["objectId"]);
        Assert.Equal("OBJECT_FINALIZE", message.Attributes["eventType"]);
        Assert.DoesNotContain(message.Attributes.Keys, k => k.StartsWith(DeadLetterAttributes.Prefix, StringComparison.Ordinal));
        Assert.Equal(kept.Id, message.Attributes[DeadLetterAttributes.ReplayOf]);
        var timeline = (await client.GetFromJsonAsync<JsonElement>("/api/pictures/" + Name)).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal([TimelineKinds.DeadLettered, TimelineKinds.Replayed], timeline);
        var page = await client.GetStringAsync("/operations");
        Assert.Matches($"data-id=\"{kept.Id}\"[^>]*data-replayed=\"true\"[\\s\\S]*?replayed <time[^>]*>[^<]*</time> by {Admin}", page);
        Assert.Contains(">Replay again</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_all_replays_only_the_dead_letters_not_replayed_yet()
    {
        using var client = asAdmin.CreateClient(NoRedirects);
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: GaveUp, messageId: "dead-1"));
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", "other.jpg", 7, deadLetter: GaveUp, messageId: "dead-2"));
        var first = asAdmin.Firestore.In(DeadLetterStore.Collection).Single(d => d["picture"] is StringValue { Value: Name });
        var token = await Antiforgery.TokenAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/operations?handler=Replay", Form(token, ("id", first.Id)))).StatusCode);
        Assert.Contains("Replay all 1 not yet replayed", await client.GetStringAsync("/operations"), StringComparison.Ordinal);

        var all = await client.PostAsync("/operations?handler=ReplayAll", Form(token, ("subscription", "image-analysis-picture-events")));

        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal([Name, "other.jpg"], asAdmin.Publisher.Published.Select(p => p.Message.Attributes["objectId"]));
        Assert.DoesNotContain("Replay all", await client.GetStringAsync("/operations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replays_are_rate_limited_per_client()
    {
        using var factory = new OperationsFactory(Admin, ("RateLimits:ReplaysPerMinute", "1"));
        using var client = factory.CreateClient(NoRedirects);
        var token = await Antiforgery.TokenAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/operations?handler=ReplayAll", Form(token, ("subscription", "none")))).StatusCode);
        var second = await client.PostAsync("/operations?handler=ReplayAll", Form(token, ("subscription", "none")));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    private static async Task DeliverAsync(HttpClient client, HttpContent delivery) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/events", delivery)).StatusCode);

    /// <summary>The in-memory frontend with a development identity (an admin, or not) and a recording publisher.</summary>
    private sealed class OperationsFactory(string? admin, params (string Key, string Value)[] settings) : FrontendFactory
    {
        public RecordingPubSubPublisher Publisher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Access:DevelopmentIdentity", admin ?? "someone@localhost");
            if (admin is not null)
            {
                builder.UseSetting("Access:Admins:0", admin);
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IPubSubPublisher>(Publisher));
        }
    }
}
