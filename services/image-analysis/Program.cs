using PicADaily.ImageAnalysis;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Pictures;

// The colour comes from the pixels already decoded for Vision unless Analysis:Colour says 'vision'.
await PictureService.RunNewPictureProcessorAsync<PictureUploadedHandler, VisionInputPreparer>(args, "image-analysis", (services, _) => services.AddColourAnalysis());

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
