using System.Text;

namespace PicADaily.Contracts.Pictures;

/// <summary>
/// A reversible mapping from any valid Cloud Storage object name (1–1024 UTF-8 bytes, may contain
/// '/') to a valid Firestore document id (at most 1,500 bytes, no '/', not '.' or '..', not
/// matching <c>__.*__</c>).
/// </summary>
/// <remarks>
/// Readable form first: the name with '%', '/' and '~' percent-encoded (and a leading '_' or a
/// whole "." / ".." too), so ids stay legible in the console. When that would exceed the limit
/// (a name full of slashes), the id is '~' followed by the base64url of the name; '~' never
/// starts a readable id, so the two forms cannot be confused.
/// </remarks>
public static class PictureDocumentId
{
    public const int MaxIdBytes = 1500;
    private const char EncodedFormMarker = '~';

    public static string FromObjectName(string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        var readable = Escape(objectName);
        if (Encoding.UTF8.GetByteCount(readable) <= MaxIdBytes)
        {
            return readable;
        }

        return EncodedFormMarker + Convert.ToBase64String(Encoding.UTF8.GetBytes(objectName))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string ToObjectName(string documentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        if (documentId[0] == EncodedFormMarker)
        {
            var base64 = documentId[1..].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }

        return Uri.UnescapeDataString(documentId);
    }

    private static string Escape(string objectName)
    {
        if (objectName is "." or "..")
        {
            return objectName.Replace(".", "%2E", StringComparison.Ordinal);
        }

        var builder = new StringBuilder(objectName.Length + 8);
        for (var i = 0; i < objectName.Length; i++)
        {
            var c = objectName[i];
            var escaped = c switch
            {
                '%' => "%25",
                '/' => "%2F",
                '~' => "%7E",
                '_' when i == 0 => "%5F",
                _ => null,
            };
            if (escaped is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(escaped);
            }
        }

        return builder.ToString();
    }
}
