using Google.Apis.Auth.OAuth2;

namespace PicADaily.GoogleCloud.Auth;

/// <summary>
/// Application Default Credentials scoped to cloud-platform. The credential is looked up on first
/// use only, so a process that talks only to emulators never needs credentials.
/// </summary>
public sealed class ApplicationDefaultAccessTokenSource : IGoogleAccessTokenSource
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITokenAccess? _credential;

    /// <inheritdoc />
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = _credential ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        // The library caches the token and refreshes it shortly before expiry.
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }

    // Not a Lazy<Task>: a failed lookup (metadata server briefly down) must not be cached forever.
    private async Task<ITokenAccess> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null)
            {
                var credential = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
                _credential = credential.CreateScoped(CloudPlatformScope);
            }
            return _credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}
