using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.Vision.State;

/// <summary>
/// Test-only canned annotations, keyed by the SHA-256 (hex) of an image's bytes and kept as
/// <c>&lt;data&gt;/vision/canned/{sha256}.json</c>. When that image is annotated, each requested
/// feature the canned response holds is returned verbatim instead of being computed.
/// </summary>
public sealed partial class CannedAnnotations(IOptions<LocalCloudOptions> options)
{
    private readonly string folder = Path.Combine(options.Value.DataPath, "vision", "canned");

    public static bool IsHash(string text) => HashPattern().IsMatch(text);

    public async Task SaveAsync(string sha256, JsonObject response, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = PathOf(sha256);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, response.ToJsonString(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public bool Delete(string sha256)
    {
        var path = PathOf(sha256);
        var existed = File.Exists(path);
        File.Delete(path);
        return existed;
    }

    public async Task<JsonObject?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject : null;
    }

    private string PathOf(string sha256) => Path.Combine(folder, sha256.ToLowerInvariant() + ".json");

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HashPattern();
}
