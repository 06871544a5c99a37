using WireMock.Logging;

namespace PicADaily.GoogleCloud.Tests.Support;

public static class RequestAssert
{
    public static string? Header(this ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers
        && headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) is { Value: { } values }
            ? string.Join(",", values)
            : null;

    public static void HasGoogleToken(this ILogEntry entry) =>
        Assert.Equal($"Bearer {FakeTokenSource.DefaultToken}", entry.Header("Authorization"));

    public static void HasNoAuthorization(this ILogEntry entry) => Assert.Null(entry.Header("Authorization"));
}
