using PicADaily.Pictures;
using PicADaily.Thumbnail;
using PicADaily.Thumbnail.Rendering;

await PictureService.RunNewPictureProcessorAsync<PictureUploadedHandler, ThumbnailRenderer>(args, "thumbnail");

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
