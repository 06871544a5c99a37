using System.Buffers.Binary;
using System.Numerics;

namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>
/// CRC-32C (Castagnoli), the checksum Cloud Storage reports as <c>crc32c</c>. The served
/// System.IO.Hashing (11.0.0) only has the IEEE CRC-32; <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// is the hardware-accelerated CRC-32C step, so only the pre/post inversion is ours.
/// </summary>
public sealed class Crc32C
{
    private uint state = uint.MaxValue;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = state;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        state = crc;
    }

    public uint Value => ~state;

    /// <summary>Base64 of the big-endian 4 bytes, as in the JSON API and <c>x-goog-hash</c>.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Value);
        return Convert.ToBase64String(bytes);
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32C();
        crc.Append(data);
        return crc.Value;
    }
}
