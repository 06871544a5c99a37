using Microsoft.Net.Http.Headers;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>
/// Sends object bytes (<c>alt=media</c>): whole objects with <c>x-goog-hash</c>, ranges as 206
/// without it (the client would check a whole-object hash against the range and fail). The hash
/// is sent only while the file still is the one the index describes: someone may have changed it
/// in the folder, and a wrong hash makes the client throw after the download.
/// </summary>
public static class MediaDownload
{
    public static async Task SendAsync(HttpContext context, string path, StoredObject stored)
    {
        FileStream file;
        try
        {
            file = ObjectReader.OpenFile(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw GoogleErrorException.NotFound($"No such object: {stored.Bucket}/{stored.Name}.");
        }

        await using var _ = file;
        var length = file.Length;
        var unchanged = new FileStamp(length, File.GetLastWriteTimeUtc(file.SafeFileHandle).Ticks).Matches(stored);
        var response = context.Response;
        response.ContentType = stored.ContentType ?? "application/octet-stream";
        response.Headers["x-goog-generation"] = StorageJson.Number(stored.Generation);
        response.Headers["x-goog-metageneration"] = StorageJson.Number(stored.Metageneration);
        response.Headers["x-goog-stored-content-length"] = StorageJson.Number(length);
        response.Headers["x-goog-stored-content-encoding"] = "identity";
        response.Headers.ETag = "\"" + StorageJson.Etag(stored.Generation, stored.Metageneration) + "\"";
        response.Headers.LastModified = stored.Updated.ToString("R");

        var range = RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var parsed) && parsed.Ranges.Count == 1 ? parsed.Ranges.First() : null;
        if (range is null)
        {
            if (unchanged)
            {
                response.Headers["x-goog-hash"] = $"crc32c={stored.Crc32C},md5={stored.Md5Hash}";
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentLength = length;
            await file.CopyToAsync(response.Body, context.RequestAborted);
            return;
        }

        long from, to;
        if (range.From is null)
        {
            from = Math.Max(0, length - (range.To ?? 0));
            to = length - 1;
        }
        else
        {
            from = range.From.Value;
            to = Math.Min(range.To ?? length - 1, length - 1);
        }

        if (from >= length || from > to)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            return;
        }

        response.StatusCode = StatusCodes.Status206PartialContent;
        response.Headers.ContentRange = $"bytes {from}-{to}/{length}";
        response.ContentLength = to - from + 1;
        file.Seek(from, SeekOrigin.Begin);
        await CopyBytesAsync(file, response.Body, to - from + 1, context.RequestAborted);
    }

    private static async Task CopyBytesAsync(Stream input, Stream output, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                return;
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }
}
