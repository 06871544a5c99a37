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
        using var request = PushRequestFactory.Create(subscription, endpoint, message, deliveryAttempt);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(subscription.AckDeadlineSeconds is > 0 and var s ? s : 10));
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            return PushOutcome.Answered((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            logger.LogDebug(e, "Push of message {MessageId} to {Endpoint} failed to connect", message.MessageId, endpoint);
            return PushOutcome.ConnectionFailed;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            logger.LogDebug("Push of message {MessageId} to {Endpoint} passed the ack deadline", message.MessageId, endpoint);
            return PushOutcome.TimedOut;
        }
    }
}
