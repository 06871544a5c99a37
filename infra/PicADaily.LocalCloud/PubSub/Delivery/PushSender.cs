using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>Sends one push over a pooled client and says whether the endpoint acked it.</summary>
public sealed class PushSender(HttpClient http, ILogger<PushSender> logger)
{
    public const string HttpClientName = "LocalCloud.PubSub.Push";

    /// <summary>Acked statuses (GCP-PROTOCOLS.md §3.3); every other status is a nack.</summary>
    public static bool IsAck(int status) => status is 102 or 200 or 201 or 202 or 204;

    /// <returns>true = ack; false = nack (bad status, connection failure, or no answer within the ack deadline).</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="stopping"/> fires.</exception>
    public async Task<bool> SendAsync(SubscriptionResource subscription, string endpoint, StoredMessage message, int deliveryAttempt, CancellationToken stopping)
    {
        using var request = PushRequestFactory.Create(subscription, endpoint, message, deliveryAttempt);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(subscription.AckDeadlineSeconds is > 0 and var s ? s : 10));
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            return IsAck((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            logger.LogDebug(e, "Push of message {MessageId} to {Endpoint} failed to connect", message.MessageId, endpoint);
            return false;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            logger.LogDebug("Push of message {MessageId} to {Endpoint} passed the ack deadline", message.MessageId, endpoint);
            return false;
        }
    }
}
