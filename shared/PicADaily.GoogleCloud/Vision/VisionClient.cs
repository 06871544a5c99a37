using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Http;

namespace PicADaily.GoogleCloud.Vision;

/// <summary>
/// Cloud Vision REST (<c>https://vision.googleapis.com/v1/images:annotate</c>, or
/// <c>http://{VISION_EMULATOR_HOST}/v1/images:annotate</c> without a token).
/// </summary>
public sealed class VisionClient : IVisionClient
{
    private readonly GoogleApiTransport _transport;

    /// <summary>Creates the client; <paramref name="http"/> should carry the resilience handler (see DI).</summary>
    public VisionClient(HttpClient http, GoogleCloudOptions options, IGoogleAccessTokenSource tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new GoogleApiTransport(http, GoogleApiEndpoint.Resolve(options.VisionEmulatorHost, options.VisionEndpoint), tokens, options);
    }

    /// <inheritdoc />
    public async Task<ImageAnnotation> AnnotateAsync(VisionImage image, IReadOnlyList<VisionFeature> features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (features is null || features.Count == 0)
        {
            throw new ArgumentException("Ask for at least one feature.", nameof(features));
        }
        var wireImage = image.Content is { } content
            ? new WireImage(Convert.ToBase64String(content.Span), null)
            : new WireImage(null, new WireImageSource(image.Uri!));
        var body = GoogleJson.Serialize(new AnnotateRequest([
            new AnnotateImageRequest(wireImage, features.Select(f => new WireFeature(f.Type, f.MaxResults)).ToList()),
        ]));
        // Annotation only reads the image, so repeating it after a transient failure is safe.
        var response = await _transport.SendAsync(HttpMethod.Post, "v1/images:annotate", body,
            RetryMode.OnTransientFailure, "Vision annotate", cancellationToken).ConfigureAwait(false);
        var responses = GoogleJson.Deserialize<AnnotateResponse>(response, "Vision annotate").Responses;
        if (responses is not [var single])
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.Other, null, null,
                $"Vision annotate returned {responses?.Count ?? 0} responses for 1 image.");
        }
        if (single.Error is { } error && error.Code != 0)
        {
            throw new VisionAnnotationException(error.Code, error.Message ?? "");
        }
        return ToAnnotation(single);
    }

    private static ImageAnnotation ToAnnotation(AnnotateImageResponse response) => new(
        (response.LabelAnnotations ?? []).Select(l => new LabelAnnotation(l.Mid, l.Description ?? "", l.Score, l.Topicality)).ToList(),
        (response.ImagePropertiesAnnotation?.DominantColors?.Colors ?? [])
            .Select(c => new DominantColor(c.Color?.Red ?? 0, c.Color?.Green ?? 0, c.Color?.Blue ?? 0, c.Score, c.PixelFraction))
            .ToList(),
        response.SafeSearchAnnotation is { } s ? new SafeSearchAnnotation(s.Adult, s.Spoof, s.Medical, s.Violence, s.Racy) : null);
}
