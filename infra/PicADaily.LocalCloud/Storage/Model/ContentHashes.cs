using System.Security.Cryptography;

namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>The two checksums Cloud Storage reports for an object, base64-encoded.</summary>
public sealed record ContentHashes(string Md5Base64, string Crc32CBase64, long Size)
{
    public static async Task<ContentHashes> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var crc = new Crc32C();
        var buffer = new byte[81920];
        long size = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            crc.Append(buffer.AsSpan(0, read));
            size += read;
        }

        return new ContentHashes(Convert.ToBase64String(md5.GetHashAndReset()), crc.ToBase64(), size);
    }
}
