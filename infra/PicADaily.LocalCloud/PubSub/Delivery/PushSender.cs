using System.Diagnostics;
using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>Sends one push over a pooled client and says how the endpoint answered.</summary>
public sealed class PushSender(HttpClient http, ILogger<PushSender> logger)
{
    public const string HttpClientName = "LocalCloud.PubSub.Push";

    /// <returns>The status, or that there was no answer (connection failure, or none within the ack deadline).</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="stopping"/> fires.</exception>
    public async Task<PushOutcome> SendAsync(SubscriptionResource subscription, string endpoint, StoredMessage message, int deliveryAttempt, CancellationToken stopping)
    {
        using var activity = StartDeliverySpan(subscription, message, deliveryAttempt);
        using var request = PushRequestFactory.Create(subscription, endpoint, message, deliveryAttempt);
        if (activity is not null)
        {
            // As an instrumented HTTP client would: the subscriber's request span becomes a child of this delivery.
            request.Headers.TryAddWithoutValidation("traceparent", activity.Id);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(subscription.AckDeadlineSeconds is > 0 and var s ? s : 10));
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"answered {(int)response.StatusCode}");
            }

            return PushOutcome.Answered((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            logger.LogDebug(e, "Push of message {MessageId} to {Endpoint} failed to connect", message.MessageId, endpoint);
            activity?.SetStatus(ActivityStatusCode.Error, "connection failed");
            return PushOutcome.ConnectionFailed;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            logger.LogDebug("Push of message {MessageId} to {Endpoint} passed the ack deadline", message.MessageId, endpoint);
            activity?.SetStatus(ActivityStatusCode.Error, "ack deadline passed");
            return PushOutcome.TimedOut;
        }
    }

    // One span per push, in the trace the message belongs to (MessageTraceContext); none when nothing listens.
    private static Activity? StartDeliverySpan(SubscriptionResource subscription, StoredMessage message, int deliveryAttempt)
    {
        var activity = LocalCloudTelemetry.Source.StartActivity($"push {subscription.Name}", ActivityKind.Producer, MessageTraceContext.Of(message));
        activity?.SetTag("messaging.system", "gcp_pubsub");
        activity?.SetTag("messaging.destination.subscription.name", subscription.Name);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("messaging.gcp_pubsub.message.delivery_attempt", deliveryAttempt);
        return activity;
    }
}
