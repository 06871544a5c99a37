using System.Net.Http.Headers;
using System.Text.Json;

using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Errors;

using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PicADaily.GoogleCloud.Http;

/// <summary>
/// One JSON round trip to a Google REST API: address, authorisation, error mapping and the bounded
/// retry of calls that are safe to repeat. Every REST client of ours sends through this.
/// </summary>
internal sealed class GoogleApiTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly GoogleApiEndpoint _endpoint;
    private readonly IGoogleAccessTokenSource _tokens;
    private readonly ResiliencePipeline _retry;

    public GoogleApiTransport(HttpClient http, GoogleApiEndpoint endpoint, IGoogleAccessTokenSource tokens, GoogleCloudOptions options)
    {
        _http = http;
        _endpoint = endpoint;
        _tokens = tokens;
        _retry = BuildRetry(options);
    }

    /// <summary>Sends the request; returns the parsed JSON body (Undefined when empty).</summary>
    public Task<JsonElement> SendAsync(HttpMethod method, string relativeUri, byte[]? jsonBody, RetryMode retry, string operation, CancellationToken cancellationToken) =>
        retry == RetryMode.OnTransientFailure
            ? _retry.ExecuteAsync(
                static (state, ct) => new ValueTask<JsonElement>(state.Self.SendOnceAsync(state.method, state.relativeUri, state.jsonBody, state.operation, ct)),
                (Self: this, method, relativeUri, jsonBody, operation),
                cancellationToken).AsTask()
            : SendOnceAsync(method, relativeUri, jsonBody, operation, cancellationToken);

    private async Task<JsonElement> SendOnceAsync(HttpMethod method, string relativeUri, byte[]? jsonBody, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_endpoint.BaseUri, relativeUri));
        if (jsonBody is not null)
        {
            // A fresh content per attempt: a sent HttpContent cannot be reused.
            request.Content = new ByteArrayContent(jsonBody) { Headers = { ContentType = JsonMediaType } };
        }
        await AuthoriseAsync(request, cancellationToken).ConfigureAwait(false);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw GoogleApiErrorMapper.FromResponse(response.StatusCode, body, operation);
            }
            return Parse(body, operation);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.Transient, statusCode: null, status: null,
                $"{operation} failed: no response from {_endpoint.BaseUri} ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private async Task AuthoriseAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_endpoint.IsEmulator)
        {
            // Emulators take no Google token; the Firestore one takes "Bearer owner" (admin, bypasses rules).
            if (_endpoint.EmulatorAuthorization is { } fixedValue)
            {
                request.Headers.TryAddWithoutValidation("Authorization", fixedValue);
            }
            return;
        }
        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        GoogleApiRequestException => false,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static JsonElement Parse(string body, string operation)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.Other, statusCode: null, status: null,
                $"{operation} returned a body that is not JSON: {e.Message}", e);
        }
    }

    private static ResiliencePipeline BuildRetry(GoogleCloudOptions options)
    {
        if (options.MaxRetryAttempts <= 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<GoogleApiRequestException>(e => e.IsTransient),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .Build();
    }
}
