using System.Text.Json;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>Reads what the Firestore REST handlers need from a request: a JSON body.</summary>
public static class RequestReading
{
    public static async Task<JsonObject> JsonBody(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node as JsonObject ?? (node is null ? [] : throw GoogleErrorException.InvalidArgument("Invalid JSON payload received: the body must be an object."));
        }
        catch (JsonException error)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid JSON payload received. {error.Message}");
        }
    }
}
