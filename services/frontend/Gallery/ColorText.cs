using System.Text.RegularExpressions;

namespace PicADaily.Frontend.Gallery;

/// <summary>Only a plain <c>#rrggbb</c> colour ever reaches a page's styling.</summary>
public static partial class ColorText
{
    public static bool IsHexColor(string? color) => color is not null && HexColor().IsMatch(color);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
