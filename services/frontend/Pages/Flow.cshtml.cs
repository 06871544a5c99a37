using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PicADaily.Frontend.Flow;

namespace PicADaily.Frontend.Pages;

/// <summary>The choreography map, drawn from the declared topology.</summary>
public sealed class FlowModel(TopologySource topology, ILogger<FlowModel> logger) : PageModel
{
    private const int DetailLength = 34;

    public FlowDiagram? Diagram { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        try
        {
            Diagram = FlowDiagram.From(topology.Load());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            logger.LogError(e, "Could not read the topology");
            Error = "The topology could not be read: " + e.Message;
        }
    }

    public string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public string Shorten(string text) => text.Length <= DetailLength ? text : text[..(DetailLength - 1)] + "…";
}
