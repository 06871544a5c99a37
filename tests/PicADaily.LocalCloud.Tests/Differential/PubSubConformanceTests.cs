namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>The Pub/Sub REST calls the services and the provisioner make, and common ones, against LocalCloud and Google's emulator.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class PubSubConformanceTests(DifferentialTargets targets)
{
    private const string Project = "conformance";

    // "hi" and "again", base64.
    private static readonly Call[] Calls =
    [
        new("create topic", "PUT", "v1/projects/{p}/topics/orders", "{}"),
        new("create topic again", "PUT", "v1/projects/{p}/topics/orders", "{}"),
        new("create topic with labels", "PUT", "v1/projects/{p}/topics/dead-orders", """{"labels":{"app":"pic"}}"""),
        new("create topic, name too short", "PUT", "v1/projects/{p}/topics/ab", "{}"),
        new("get topic", "GET", "v1/projects/{p}/topics/orders"),
        new("get missing topic", "GET", "v1/projects/{p}/topics/missing"),
        new("list topics", "GET", "v1/projects/{p}/topics"),
        new("create pull subscription", "PUT", "v1/projects/{p}/subscriptions/orders-pull", """{"topic":"projects/{p}/topics/orders","ackDeadlineSeconds":600}"""),
        new("create subscription again", "PUT", "v1/projects/{p}/subscriptions/orders-pull", """{"topic":"projects/{p}/topics/orders"}"""),
        new("create subscription on missing topic", "PUT", "v1/projects/{p}/subscriptions/orphan", """{"topic":"projects/{p}/topics/missing"}"""),
        new(
            "create subscription with retry, dead-letter and filter",
            "PUT",
            "v1/projects/{p}/subscriptions/orders-filtered",
            """{"topic":"projects/{p}/topics/orders","ackDeadlineSeconds":60,"retryPolicy":{"minimumBackoff":"10s","maximumBackoff":"600s"},"deadLetterPolicy":{"deadLetterTopic":"projects/{p}/topics/dead-orders","maxDeliveryAttempts":5},"filter":"attributes.kind = \"big\""}"""),
        new("create subscription, ack deadline out of range", "PUT", "v1/projects/{p}/subscriptions/too-slow", """{"topic":"projects/{p}/topics/orders","ackDeadlineSeconds":601}"""),
        new("get subscription", "GET", "v1/projects/{p}/subscriptions/orders-pull"),
        new("get missing subscription", "GET", "v1/projects/{p}/subscriptions/missing"),
        new("list subscriptions", "GET", "v1/projects/{p}/subscriptions"),
        new("list topic subscriptions", "GET", "v1/projects/{p}/topics/orders/subscriptions"),
        new("publish", "POST", "v1/projects/{p}/topics/orders:publish", """{"messages":[{"data":"aGk=","attributes":{"kind":"small"}}]}"""),
        new("publish to missing topic", "POST", "v1/projects/{p}/topics/missing:publish", """{"messages":[{"data":"aGk="}]}"""),
        new("publish an empty message", "POST", "v1/projects/{p}/topics/orders:publish", """{"messages":[{}]}"""),
        new("publish no messages", "POST", "v1/projects/{p}/topics/orders:publish", """{"messages":[]}"""),
        new("pull", "POST", "v1/projects/{p}/subscriptions/orders-pull:pull", """{"maxMessages":10}""", "ackId=receivedMessages.0.ackId"),
        new("pull from missing subscription", "POST", "v1/projects/{p}/subscriptions/missing:pull", """{"maxMessages":10}"""),
        new("modifyAckDeadline", "POST", "v1/projects/{p}/subscriptions/orders-pull:modifyAckDeadline", """{"ackIds":["{ackId}"],"ackDeadlineSeconds":300}"""),
        new("modifyAckDeadline, unknown ack id", "POST", "v1/projects/{p}/subscriptions/orders-pull:modifyAckDeadline", """{"ackIds":["bogus"],"ackDeadlineSeconds":30}"""),
        new("modifyAckDeadline out of range", "POST", "v1/projects/{p}/subscriptions/orders-pull:modifyAckDeadline", """{"ackIds":["{ackId}"],"ackDeadlineSeconds":601}"""),
        new("acknowledge", "POST", "v1/projects/{p}/subscriptions/orders-pull:acknowledge", """{"ackIds":["{ackId}"]}"""),
        new("acknowledge twice", "POST", "v1/projects/{p}/subscriptions/orders-pull:acknowledge", """{"ackIds":["{ackId}"]}"""),
        new("acknowledge, unknown ack id", "POST", "v1/projects/{p}/subscriptions/orders-pull:acknowledge", """{"ackIds":["bogus"]}"""),
        new("pull after acknowledge", "POST", "v1/projects/{p}/subscriptions/orders-pull:pull", """{"maxMessages":10,"returnImmediately":true}"""),
        new("publish again", "POST", "v1/projects/{p}/topics/orders:publish", """{"messages":[{"data":"YWdhaW4="}]}"""),
        new("pull again", "POST", "v1/projects/{p}/subscriptions/orders-pull:pull", """{"maxMessages":10}""", "ackId=receivedMessages.0.ackId"),
        new("nack (ack deadline 0)", "POST", "v1/projects/{p}/subscriptions/orders-pull:modifyAckDeadline", """{"ackIds":["{ackId}"],"ackDeadlineSeconds":0}"""),
        new("pull the nacked message", "POST", "v1/projects/{p}/subscriptions/orders-pull:pull", """{"maxMessages":10}""", "ackId=receivedMessages.0.ackId"),
        new("acknowledge the nacked message", "POST", "v1/projects/{p}/subscriptions/orders-pull:acknowledge", """{"ackIds":["{ackId}"]}"""),
        new("delete subscription", "DELETE", "v1/projects/{p}/subscriptions/orders-filtered"),
        new("delete missing subscription", "DELETE", "v1/projects/{p}/subscriptions/orders-filtered"),
        new("delete topic", "DELETE", "v1/projects/{p}/topics/dead-orders"),
        new("delete missing topic", "DELETE", "v1/projects/{p}/topics/dead-orders"),
    ];

    private static readonly KnownDifference[] Known =
    [
        new("create pull subscription", "state", PubSubState),
        new("create subscription with retry, dead-letter and filter", "state", PubSubState),
        new("get subscription", "state", PubSubState),
        new("list subscriptions", "subscriptions.0.state", PubSubState),
        new("list subscriptions", "subscriptions.1.state", PubSubState),
        new("modifyAckDeadline out of range", KnownDifference.Everything, "Google Cloud refuses a deadline above 600 s with 400 INVALID_ARGUMENT, as LocalCloud does; the emulator accepts it."),
    ];

    private const string PubSubState =
        "LocalCloud reports state ACTIVE as Google Cloud does; the emulator (gcloud 528) leaves the output-only state out.";

    [Fact]
    public Task LocalCloud_answers_the_Pub_Sub_REST_calls_as_the_official_emulator_does() =>
        DifferentialRunner.RunAsync(targets.LocalCloud, targets.PubSubEmulator, Project, Calls, Known);
}
