using System.Text.Json.Nodes;

namespace PicADaily.GoogleCloud.Tests.Support;

/// <summary>Recorded JSON bodies in the shapes Google's REST references document, under Fixtures/.</summary>
public static class Fixture
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    /// <summary>Asserts two JSON texts are the same document (member order ignored).</summary>
    public static void AssertSameJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
    }
}
