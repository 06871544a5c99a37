using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Tests.Support;
using PicADaily.GoogleCloud.Vision;

namespace PicADaily.GoogleCloud.Tests;

public sealed class VisionClientTests : IDisposable
{
    private const string AnnotatePath = "/v1/images:annotate";

    private static readonly VisionFeature[] AllFeatures = [VisionFeature.Labels(10), VisionFeature.ImageProperties, VisionFeature.SafeSearch];

    private readonly FakeGoogleApi _api = new();

    public void Dispose() => _api.Dispose();

    private VisionClient CloudClient() => new(_api.CreateHttpClient(), _api.CloudOptions("p"), _api.Tokens);

    private VisionClient EmulatorClient() => new(_api.CreateHttpClient(), _api.EmulatorOptions("p"), _api.Tokens);

    [Fact]
    public async Task Annotate_by_gs_uri_sends_the_documented_request_with_a_Google_token()
    {
        _api.Respond("POST", AnnotatePath, 200, Fixture.Read("vision/annotate-response.json"));

        await CloudClient().AnnotateAsync(VisionImage.FromUri("gs://my-bucket/uploads/cat.jpg"), AllFeatures, CancellationToken.None);

        var request = _api.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        request.HasGoogleToken();
        Fixture.AssertSameJson(Fixture.Read("vision/annotate-uri-request.json"), request.RequestMessage.Body);
    }

    [Fact]
    public async Task Annotate_by_content_sends_the_bytes_base64_and_no_token_to_the_stand_in()
    {
        _api.Respond("POST", AnnotatePath, 200, Fixture.Read("vision/annotate-response.json"));

        await EmulatorClient().AnnotateAsync(VisionImage.FromBytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }), [VisionFeature.SafeSearch], CancellationToken.None);

        var request = _api.SingleRequest();
        request.HasNoAuthorization();
        Assert.Equal(0, _api.Tokens.Calls);
        Fixture.AssertSameJson("""{"requests":[{"image":{"content":"/9j/4A=="},"features":[{"type":"SAFE_SEARCH_DETECTION"}]}]}""", request.RequestMessage.Body);
    }

    [Fact]
    public async Task Annotate_reads_labels_colours_with_omitted_channels_as_zero_and_safe_search_likelihoods()
    {
        _api.Respond("POST", AnnotatePath, 200, Fixture.Read("vision/annotate-response.json"));

        var annotation = await CloudClient().AnnotateAsync(VisionImage.FromUri("gs://my-bucket/uploads/cat.jpg"), AllFeatures, CancellationToken.None);

        Assert.Equal([new LabelAnnotation("/m/01yrx", "Cat", 0.98f, 0.98f), new LabelAnnotation("/m/04rky", "Mammal", 0.93f, 0.93f)], annotation.Labels);
        Assert.Equal(new DominantColor(69, 42, 27, 0.15197733f, 0.14140345f), annotation.DominantColors[0]);
        Assert.Equal(new DominantColor(159, 0, 252, 0.12624279f, 0.046971671f), annotation.DominantColors[1]);
        Assert.Equal(new SafeSearchAnnotation(Likelihood.VeryUnlikely, Likelihood.Unlikely, Likelihood.VeryUnlikely, Likelihood.VeryUnlikely, Likelihood.Possible),
            annotation.SafeSearch);
    }

    [Fact]
    public async Task A_per_image_error_in_a_200_response_surfaces_as_an_exception_with_code_and_message()
    {
        _api.Respond("POST", AnnotatePath, 200, Fixture.Read("vision/annotate-image-error-response.json"));

        var e = await Assert.ThrowsAsync<VisionAnnotationException>(() =>
            CloudClient().AnnotateAsync(VisionImage.FromBytes(new byte[] { 1, 2, 3 }), AllFeatures, CancellationToken.None));

        Assert.Equal(3, e.Code);
        Assert.Equal("Bad image data.", e.ErrorMessage);
        Assert.Equal(GoogleApiErrorKind.InvalidArgument, e.Kind);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task A_whole_request_error_maps_to_the_right_kind()
    {
        _api.Respond("POST", AnnotatePath, 403, Fixture.Read("errors/permission-denied.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().AnnotateAsync(VisionImage.FromUri("gs://b/o.jpg"), AllFeatures, CancellationToken.None));

        Assert.IsNotType<VisionAnnotationException>(e);
        Assert.Equal(GoogleApiErrorKind.PermissionDenied, e.Kind);
    }

    [Fact]
    public async Task Annotate_is_retried_after_a_503()
    {
        _api.RespondOnceThenSucceed("POST", AnnotatePath, 503, Fixture.Read("errors/unavailable.json"), Fixture.Read("vision/annotate-response.json"));

        var annotation = await CloudClient().AnnotateAsync(VisionImage.FromUri("gs://b/o.jpg"), AllFeatures, CancellationToken.None);

        Assert.Equal(2, annotation.Labels.Count);
        Assert.Equal(2, _api.Requests.Count);
    }
}
