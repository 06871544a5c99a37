using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Uploads;

namespace PicADaily.Frontend.Pages;

/// <summary>
/// The upload page. With script, each file goes to <c>POST /api/pictures</c> on its own (progress,
/// per-file result); without, the form posts here and the results come back as a page.
/// </summary>
public sealed class UploadModel(PictureUploader uploader, IOptions<UploadLimits> limits) : PageModel
{
    public UploadLimits Limits => limits.Value;

    public string MaxFileMegabytes => (Limits.MaxFileBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    public IReadOnlyList<UploadResult> Results { get; private set; } = [];

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var files = await UploadRequestReader.ReadFilesAsync(Request, cancellationToken);
        if (files.Count == 0)
        {
            Message = UploadRequestReader.NoFileMessage;
            return;
        }

        Results = await uploader.UploadAsync(files, HttpContext.GetViewer(), cancellationToken);
    }
}
