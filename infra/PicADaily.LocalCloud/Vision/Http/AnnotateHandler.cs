using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

using PicADaily.Imaging.Colors;

namespace PicADaily.LocalCloud.Vision.Http;

/// <summary>
/// <c>images:annotate</c> for LABEL_DETECTION, IMAGE_PROPERTIES and SAFE_SEARCH_DETECTION, computed
/// locally (README.md says what the labels are and are not). Per-image problems go into
/// <c>responses[i].error</c> with HTTP 200; only a malformed request as a whole gets an HTTP error.
/// </summary>
public sealed class AnnotateHandler(ImageSource images, CannedAnnotations canned)
{
    public const int MaxImagesPerRequest = 16;

    private static readonly Dictionary<string, string> OutputOf = new(StringComparer.Ordinal)
    {
        ["LABEL_DETECTION"] = "labelAnnotations",
        ["IMAGE_PROPERTIES"] = "imagePropertiesAnnotation",
        ["SAFE_SEARCH_DETECTION"] = "safeSearchAnnotation",
    };

    public async Task<IResult> Annotate(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonArray requests;
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            requests = body?["requests"] as JsonArray ?? throw new JsonException("\"requests\" must be a list.");
        }
        catch (JsonException error)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid JSON payload received. {error.Message}");
        }

        if (requests.Count > MaxImagesPerRequest)
        {
            throw GoogleErrorException.InvalidArgument($"At most {MaxImagesPerRequest} images are allowed per request; got {requests.Count}.");
        }

        var responses = new JsonArray();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                responses.Add(await AnnotateOne(requests[i], cancellationToken));
            }
            catch (Exception error) when (error is FormatException or InvalidOperationException)
            {
                // Bad base64 or a value of the wrong JSON type: proto3 JSON parsing rejects the whole request.
                throw GoogleErrorException.InvalidArgument($"Invalid value at 'requests[{i}]': {error.Message}");
            }
        }

        return Results.Json(new JsonObject { ["responses"] = responses });
    }

    private async Task<JsonObject> AnnotateOne(JsonNode? request, CancellationToken cancellationToken)
    {
        var response = new JsonObject();
        var features = (request?["features"] as JsonArray ?? [])
            .Select(f => (Type: f?["type"]?.GetValue<string>() ?? "", MaxResults: MaxResults(f?["maxResults"])))
            .ToList();
        byte[] bytes;
        try
        {
            if (features.Count == 0)
            {
                throw GoogleErrorException.InvalidArgument("No feature requested: set features[].type.");
            }

            bytes = await images.ReadAsync(request?["image"], cancellationToken);
        }
        catch (GoogleErrorException error)
        {
            response["error"] = Error(error.GrpcCode, error.Message);
            return response;
        }

        var cannedResponse = await canned.FindAsync(Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken);
        var computed = new JsonObject();
        if (features.Any(f => !OutputOf.TryGetValue(f.Type, out var output) || cannedResponse?[output] is null))
        {
            try
            {
                using var decoded = await AnalysisPicture.LoadAsync(bytes, cancellationToken);
                var colors = DominantColors.Compute(decoded.Small);
                var maxLabels = features.Where(f => f.Type == "LABEL_DETECTION").Select(f => f.MaxResults).DefaultIfEmpty(10).Max();
                computed = LocalAnnotations.ToJson(LocalLabels.Compute(decoded.Small, decoded.Width, decoded.Height, colors).Take(maxLabels), colors);
            }
            catch (GoogleErrorException error)
            {
                response["error"] = Error(error.GrpcCode, error.Message);
            }
        }

        foreach (var (type, _) in features)
        {
            if (!OutputOf.TryGetValue(type, out var output))
            {
                response["error"] ??= Error(12, $"LocalCloud does not implement {type}; it serves LABEL_DETECTION, IMAGE_PROPERTIES and SAFE_SEARCH_DETECTION.");
                continue;
            }

            var value = cannedResponse?[output] ?? (response.ContainsKey("error") ? null : computed[output]);
            if (value is not null)
            {
                response[output] = value.DeepClone();
            }
        }

        return response;
    }

    private static int MaxResults(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => Math.Max(0, node.GetValue<int>()),
        JsonValueKind.String when int.TryParse(node.GetValue<string>(), out var parsed) => Math.Max(0, parsed),
        _ => 10,
    };

    private static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message };
}
