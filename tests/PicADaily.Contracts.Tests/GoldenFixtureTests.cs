using System.Text;
using System.Text.Json.Nodes;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Tests.Support;

namespace PicADaily.Contracts.Tests;

public sealed class GoldenFixtureTests
{
    public static TheoryData<string> Fixtures() => new(DeliveryFixture.Names());

    [Fact]
    public void Every_delivery_mode_has_a_fixture()
    {
        var modes = DeliveryFixture.Names().Select(n => DeliveryFixture.Load(n).Expected["mode"]!.GetValue<string>()).ToHashSet();

        Assert.Equal(Enum.GetNames<DeliveryMode>().Order(), modes.Order());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Golden_fixture_decodes_to_the_expected_event(string fixtureName)
    {
        var fixture = DeliveryFixture.Load(fixtureName);
        var expected = fixture.Expected;

        var result = EventDecoder.Decode(fixture.Request);

        Assert.True(result.Succeeded, result.Error);
        var decoded = result.Event;
        Assert.Equal(expected["class"]!.GetValue<string>(), ClassName(decoded));
        Assert.Equal(expected["mode"]!.GetValue<string>(), decoded.Delivery.Mode.ToString());
        Assert.Equal(expected["type"]!.GetValue<string>(), decoded.Type);
        AssertIfExpected(expected, "id", decoded.Id);
        AssertIfExpected(expected, "subject", decoded.Subject);
        AssertIfExpected(expected, "name", decoded.ObjectName);
        AssertIfExpected(expected, "generation", decoded.ObjectGeneration);
        AssertIfExpected(expected, "deliveryAttempt", decoded.Delivery.DeliveryAttempt);
        AssertIfExpected(expected, "subscription", decoded.Delivery.Subscription);
        AssertIfExpected(expected, "messageId", decoded.Delivery.MessageId);
        AssertIfExpected(expected, "traceparent", decoded.Delivery.TraceParent);
        AssertIfExpected(expected, "deadLetterSubscription", decoded.Delivery.DeadLetter?.SourceSubscription);
        AssertIfExpected(expected, "deadLetterCount", decoded.Delivery.DeadLetter?.SourceDeliveryCount);

        switch (decoded)
        {
            case StorageObjectEvent storage:
                AssertIfExpected(expected, "kind", storage.Kind.ToString());
                AssertIfExpected(expected, "bucket", storage.Bucket);
                AssertIfExpected(expected, "overwroteGeneration", storage.OverwroteGeneration);
                AssertIfExpected(expected, "overwrittenByGeneration", storage.OverwrittenByGeneration);
                AssertIfExpected(expected, "supersede", storage.IsSupersede);
                AssertIfExpected(expected, "hasObject", storage.Object is not null);
                break;
            case PubSubMessageEvent message:
                AssertIfExpected(expected, "dataText", Encoding.UTF8.GetString(message.Data.Span));
                break;
        }
    }

    private static string ClassName(InboundEvent decoded) => decoded switch
    {
        ActivityEvent activity => $"ActivityEvent<{activity.Payload.GetType().Name}>",
        _ => decoded.GetType().Name,
    };

    private static void AssertIfExpected<T>(JsonObject expected, string key, T actual)
    {
        if (expected[key] is { } value)
        {
            Assert.Equal(value.GetValue<T>(), actual);
        }
    }
}
