namespace PicADaily.Frontend.Uploads;

/// <summary>The files of an upload form (field <see cref="FieldName"/>), or why there are none.</summary>
public static class UploadRequestReader
{
    /// <summary>The multipart field the original app used.</summary>
    public const string FieldName = "pictures";

    public const string NoFileMessage = "No file was uploaded.";

    /// <summary>The uploaded files; an empty list when the form had none. Size limits are enforced by <see cref="Security.RequestSizeGuard"/>.</summary>
    public static async Task<IReadOnlyList<IFormFile>> ReadFilesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return [];
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return form.Files.GetFiles(FieldName);
    }
}
