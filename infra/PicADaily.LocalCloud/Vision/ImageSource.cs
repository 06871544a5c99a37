using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Vision;

/// <summary>
/// The bytes of a request's <c>image</c>: <c>content</c> (base64, wins) or <c>source.imageUri</c> /
/// <c>source.gcsImageUri</c> as <c>gs://bucket/object</c>, read through LocalCloud's storage.
/// </summary>
public sealed class ImageSource(IServiceProvider services)
{
    public async Task<byte[]> ReadAsync(JsonNode? image, CancellationToken cancellationToken)
    {
        if (image?["content"] is { } content)
        {
            // Invalid base64 fails the whole request (as proto3 JSON parsing does); see AnnotateHandler.
            var bytes = Convert.FromBase64String(content.GetValue<string>());
            return bytes.Length > 0 ? bytes : throw AnalysisPicture.BadImageData("the image content is empty");
        }

        var uri = image?["source"]?["imageUri"]?.GetValue<string>() ?? image?["source"]?["gcsImageUri"]?.GetValue<string>();
        if (string.IsNullOrEmpty(uri))
        {
            throw GoogleErrorException.InvalidArgument("No image present.");
        }

        if (!uri.StartsWith("gs://", StringComparison.Ordinal) || uri.IndexOf('/', 5) is var slash && slash <= 5 || slash == uri.Length - 1)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid image URI \"{uri}\": LocalCloud reads only gs://bucket/object (it does not fetch http(s) URLs).");
        }

        var reader = services.GetService<IObjectReader>()
            ?? throw GoogleErrorException.FailedPrecondition($"Error opening file: {uri}. LocalCloud has no storage registered to read it.");
        await using var stream = await reader.OpenReadAsync(uri[5..slash], uri[(slash + 1)..], cancellationToken)
            ?? throw GoogleErrorException.NotFound($"Error opening file: {uri}.");
        return await ReadCapped(stream, cancellationToken);
    }

    private static async Task<byte[]> ReadCapped(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > AnalysisPicture.MaxBytes)
            {
                throw AnalysisPicture.BadImageData($"the image is larger than {AnalysisPicture.MaxBytes} bytes");
            }
        }

        return buffer.ToArray();
    }
}
