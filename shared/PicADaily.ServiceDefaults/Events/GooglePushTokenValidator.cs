using Google.Apis.Auth;
using Google.Apis.Util;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// <see cref="GoogleJsonWebSignature.ValidateAsync(string, GoogleJsonWebSignature.ValidationSettings)"/>
/// against Google's published keys, always with the audience set (without it the library skips the
/// audience check). Tests hand in an HTTP factory that serves their own key set and a clock.
/// </summary>
public sealed class GooglePushTokenValidator(Google.Apis.Http.IHttpClientFactory? certificateHttp = null, IClock? clock = null) : IPushTokenValidator
{
    /// <inheritdoc />
    public Task<GoogleJsonWebSignature.Payload> ValidateAsync(string jwt, string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        return GoogleJsonWebSignature.ValidateAsync(jwt, new GoogleJsonWebSignature.ValidationSettings
        {
            Audience = [audience],
            HttpClientFactory = certificateHttp,
            Clock = clock ?? SystemClock.Default,
        });
    }
}
