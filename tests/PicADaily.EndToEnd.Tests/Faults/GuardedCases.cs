using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using PicADaily.Testing;
using PicADaily.Testing.Faults;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// The reliability cases that need what the default local system leaves out (push authentication, a
/// short ack deadline), on the <see cref="GuardedSystem"/>: forged pushes (case 12) and a service
/// paused past its push's ack deadline (SIGSTOP). Each ends with the invariant.
/// </summary>
[Collection(OnGuardedSystem.Name)]
public sealed class GuardedCases(GuardedSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Intruder = "intruder@elsewhere.iam.gserviceaccount.com";
    private static readonly TimeSpan Patience = SystemChecks.Patience;
    private SystemChecks checks = null!;

    public async Task InitializeAsync() => checks = await SystemChecks.BeginAsync(system, output);

    public Task DisposeAsync() => Task.CompletedTask;

    private PushFaultProxy Analysis => system.Proxies["image-analysis"];

    private PushFaultProxy Thumbnail => system.Proxies["thumbnail"];

    private PushFaultProxy Cleanup => system.Proxies["garbage-collection"];

    [Fact]
    public async Task Case12_forged_pushes_straight_to_the_services_are_refused_401_or_403_and_change_nothing_while_a_signed_one_is_handled()
    {
        // A live picture, made through pushes the proxies signed: authentication is on and lets Pub/Sub in.
        const string live = "case12-live.jpg";
        await system.DropAsync(live, TestImages.PhotoJpeg(640, 480, seed: 12));
        var liveGeneration = await checks.VisibleAsync(live);
        Assert.True(system.Issuer.KeySetFetches >= 1, "the services never fetched the test issuer's key set");

        // A real picture not yet processed: its genuine finalize is acked by both proxies and handed on
        // only after the forgeries (held instead, it would be redelivered past the thumbnail subscription's short ack deadline).
        const string pending = "case12-pending.jpg";
        var forgeriesDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delaysBefore = (Analysis: Analysis.Counts[PushFault.Delay], Thumbnail: Thumbnail.Counts[PushFault.Delay]);
        Analysis.DeliverLate(d => d.Finalizes(pending), forgeriesDone.Task);
        Thumbnail.DeliverLate(d => d.Finalizes(pending), forgeriesDone.Task);
        var handedOn = Task.WhenAll(Analysis.AnsweredAsync(d => d.Finalizes(pending)), Thumbnail.AnsweredAsync(d => d.Finalizes(pending)));
        var held = Task.WhenAll(Analysis.ReceivedAsync(d => d.Finalizes(pending)), Thumbnail.ReceivedAsync(d => d.Finalizes(pending)));
        await system.DropAsync(pending, TestImages.PhotoJpeg(640, 480, seed: 121));
        var pendingGeneration = (await held.WaitAsync(Patience))[0].Storage!.Generation;

        try
        {
            foreach (var service in new[] { "thumbnail", "image-analysis" })
            {
                foreach (var (forgery, token, expected) in Forgeries(service))
                {
                    var status = await PushStraightToAsync(service, "OBJECT_FINALIZE", pending, pendingGeneration, token);
                    Assert.True(status == expected, $"{service}, {forgery}: {status}, expected {expected}");
                }
            }

            foreach (var (forgery, token, expected) in Forgeries("garbage-collection"))
            {
                var status = await PushStraightToAsync("garbage-collection", "OBJECT_DELETE", live, liveGeneration, token);
                Assert.True(status == expected, $"garbage-collection, {forgery}: {status}, expected {expected}");
            }

            // Nothing happened: no document, no thumbnail of the pending picture; the live one untouched.
            Assert.Null(await system.Catalog.GetAsync(pending, default));
            Assert.Null(await system.Storage.GetAsync("thumbnails", pending, null, default));
            Assert.Equal(liveGeneration, await checks.VisibleAsync(live));
            await checks.AssertThumbnailOfAsync(live, liveGeneration);

            // The same request, correctly signed, is handled: the refusals above are not a closed door.
            var signed = system.Issuer.Sign(LocalPushIssuer.PushClaims(system.AudienceOf("thumbnail"), GuardedSystem.PushAccount));
            var accepted = await PushStraightToAsync("thumbnail", "OBJECT_FINALIZE", pending, pendingGeneration, signed);
            Assert.InRange((int)accepted, 200, 299);
            await checks.AssertThumbnailOfAsync(pending, pendingGeneration);
        }
        finally
        {
            forgeriesDone.TrySetResult();
        }

        Assert.Equal(pendingGeneration, await checks.VisibleAsync(pending));
        await handedOn.WaitAsync(Patience);
        Assert.Equal(delaysBefore.Analysis + 1, Analysis.Counts[PushFault.Delay]);
        Assert.Equal(delaysBefore.Thumbnail + 1, Thumbnail.Counts[PushFault.Delay]);
        await checks.AssertInvariantAsync(system.FaultSummary());
    }

    [Fact]
    public async Task A_service_paused_past_its_pushs_ack_deadline_then_resumed_handles_the_redelivery_with_one_result()
    {
        const string name = "paused-thumbnail.jpg";
        // Warm first, so only the pause, never a cold start, can outlast the deadline.
        await system.DropAsync("paused-warm-up.jpg", TestImages.PhotoJpeg(640, 480, seed: 34));
        await checks.VisibleAsync("paused-warm-up.jpg");
        var redelivered = Thumbnail.ReceivedAsync(d => d.Finalizes(name))
            .ContinueWith(_ => Thumbnail.ReceivedAsync(d => d.Finalizes(name)), TaskScheduler.Default).Unwrap();

        var paused = await system.Processes.PauseAsync("thumbnail");
        int answeredWhilePaused;
        try
        {
            await system.DropAsync(name, TestImages.PhotoJpeg(640, 480, seed: 33));
            // The first push reaches the frozen process and gets no answer; Pub/Sub pushes again only
            // once that push's ack deadline has passed.
            await redelivered.WaitAsync(Patience);
            answeredWhilePaused = Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name));
        }
        finally
        {
            await system.Processes.ResumeAsync("thumbnail", paused);
        }

        var generation = await checks.VisibleAsync(name);
        // Resumed, it answers both the push it froze on and the redelivery.
        await Quiet.UntilAsync(() => Task.FromResult(Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name) && a.Status is >= 200 and < 300) >= 2), Patience, "both deliveries answered by the resumed service");

        Assert.Equal(0, answeredWhilePaused); // redelivered though unanswered: the deadline, not an answer, ended the first push
        Assert.Equal(1, system.Processes.Counts["SIGSTOP thumbnail"]);
        Assert.Equal(1, system.Processes.Counts["SIGCONT thumbnail"]);
        Assert.All(Thumbnail.Answers.Where(a => a.Delivery.Finalizes(name)), a => Assert.InRange(a.Status, 200, 299));
        await checks.AssertThumbnailOfAsync(name, generation);
        await checks.AssertInvariantAsync(system.FaultSummary());
    }

    /// <summary>Each forgery of case 12 against <paramref name="service"/>, with its token (null: none) and the answer it must get.</summary>
    private IEnumerable<(string Forgery, string? Token, HttpStatusCode Expected)> Forgeries(string service)
    {
        var audience = system.AudienceOf(service);
        var genuine = LocalPushIssuer.PushClaims(audience, GuardedSystem.PushAccount);
        yield return ("no token", null, HttpStatusCode.Unauthorized);
        yield return ("another service's audience", system.Issuer.Sign(LocalPushIssuer.PushClaims(system.AudienceOf("collage"), GuardedSystem.PushAccount)), HttpStatusCode.Forbidden);
        yield return ("another account", system.Issuer.Sign(LocalPushIssuer.PushClaims(audience, Intruder)), HttpStatusCode.Forbidden);
        yield return ("expired", system.Issuer.Sign(LocalPushIssuer.PushClaims(audience, GuardedSystem.PushAccount, issued: DateTimeOffset.UtcNow.AddHours(-2))), HttpStatusCode.Unauthorized);

        // The intruder's genuine token with the push account's claims pasted in: the signature no longer matches.
        var intruders = system.Issuer.Sign(LocalPushIssuer.PushClaims(audience, Intruder)).Split('.');
        var pasted = system.Issuer.Sign(genuine).Split('.')[1];
        yield return ("tampered claims", $"{intruders[0]}.{pasted}.{intruders[2]}", HttpStatusCode.Unauthorized);

        using var stranger = RSA.Create(2048);
        yield return ("signed by a key nobody published", system.Issuer.Sign(genuine, stranger), HttpStatusCode.Unauthorized);
    }

    /// <summary>A Cloud Storage notification as Pub/Sub would push it, posted straight to the service's own endpoint (not through its proxy).</summary>
    private async Task<HttpStatusCode> PushStraightToAsync(string service, string eventType, string name, long generation, string? token)
    {
        var attributes = new Dictionary<string, string>
        {
            ["bucketId"] = "pictures",
            ["objectId"] = name,
            ["objectGeneration"] = generation.ToString(CultureInfo.InvariantCulture),
            ["eventTime"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["eventType"] = eventType,
            ["payloadFormat"] = "NONE",
        };
        var envelope = new
        {
            message = new { data = "", attributes, messageId = $"forged-{Guid.NewGuid():N}", publishTime = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            subscription = $"projects/{PicADailySystem.Project}/subscriptions/{service}-picture-events",
        };
        using var client = new HttpClient { BaseAddress = system.Proxies[service].Target };
        using var request = new HttpRequestMessage(HttpMethod.Post, "events") { Content = JsonContent.Create(envelope) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
