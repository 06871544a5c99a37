using System.Text.Json.Nodes;
using PicADaily.Imaging.Colors;

namespace PicADaily.LocalCloud.Vision.Model;

/// <summary>The locally computed annotations in Vision's response shape (images:annotate).</summary>
public static class LocalAnnotations
{
    public static JsonObject ToJson(IEnumerable<LocalLabel> labels, IEnumerable<DominantColor> colors)
    {
        var result = new JsonObject();
        var labelArray = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject
        {
            ["description"] = l.Description,
            ["score"] = l.Score,
            ["topicality"] = l.Score,
        })]);
        if (labelArray.Count > 0)
        {
            result["labelAnnotations"] = labelArray;
        }

        result["imagePropertiesAnnotation"] = new JsonObject
        {
            ["dominantColors"] = new JsonObject
            {
                ["colors"] = new JsonArray([.. colors.Select(c => (JsonNode)new JsonObject
                {
                    ["color"] = new JsonObject { ["red"] = c.Red, ["green"] = c.Green, ["blue"] = c.Blue },
                    ["score"] = c.Score,
                    ["pixelFraction"] = c.PixelFraction,
                })]),
            },
        };
        result["safeSearchAnnotation"] = new JsonObject
        {
            ["adult"] = "UNKNOWN",
            ["spoof"] = "UNKNOWN",
            ["medical"] = "UNKNOWN",
            ["violence"] = "UNKNOWN",
            ["racy"] = "UNKNOWN",
        };
        return result;
    }
}
