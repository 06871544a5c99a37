using PicADaily.GoogleCloud.Auth;

namespace PicADaily.GoogleCloud.Tests.Support;

/// <summary>Hands out a fixed token and counts how often it was asked.</summary>
public sealed class FakeTokenSource(string token = FakeTokenSource.DefaultToken) : IGoogleAccessTokenSource
{
    public const string DefaultToken = "ya29.fake-token-for-tests";

    private int _calls;

    public int Calls => _calls;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(token);
    }
}
