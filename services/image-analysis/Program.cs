using PicADaily.ImageAnalysis;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Pictures;

await PictureService.RunNewPictureProcessorAsync<PictureUploadedHandler, VisionInputPreparer>(args, "image-analysis");

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
