namespace PicADaily.Frontend.Tests.Support;

/// <summary>Small, real image files.</summary>
public static class TestImages
{
    /// <summary>A 1×1 red PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>The first bytes of a JPEG: enough for content sniffing.</summary>
    public static byte[] JpegHeader { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01];
}
