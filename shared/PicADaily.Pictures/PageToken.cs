using System.Globalization;
using System.Text;
using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Pictures;

/// <summary>An opaque paging token: the (created, document) position of the last picture of a page.</summary>
internal static class PageToken
{
    public static string Encode(PictureDocument last)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{last.Created.UtcTicks}|{PictureDocumentId.FromObjectName(last.Name)}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="ArgumentException">The token was not made by <see cref="Encode"/>.</exception>
    public static FirestoreCursor? Decode(string? token, IFirestoreClient firestore)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|', 2);
            var created = new DateTimeOffset(long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);
            return FirestoreCursor.StartAfter(created, new ReferenceValue(firestore.DocumentName(PictureDocument.Collection, parts[1])));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException("The page token is not valid.", nameof(token), e);
        }
    }
}
