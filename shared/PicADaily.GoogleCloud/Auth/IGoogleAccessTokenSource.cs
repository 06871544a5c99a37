namespace PicADaily.GoogleCloud.Auth;

/// <summary>Supplies OAuth access tokens for calls to the real Google endpoints.</summary>
public interface IGoogleAccessTokenSource
{
    /// <summary>A valid access token (the implementation caches and refreshes).</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
