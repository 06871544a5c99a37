using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.ImageAnalysis;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("image-analysis");
builder.Services.AddPictureServices(builder.Configuration);
builder.Services.AddSafeImageLoader(builder.Configuration);
builder.Services.AddOptions<AnalysisOptions>()
    .BindConfiguration(AnalysisOptions.SectionName)
    .Validate(o => Enum.IsDefined(o.Colour), "Analysis:Colour must be 'local' or 'vision'.")
    .ValidateOnStart();
builder.Services.AddSingleton(services => new VisionInputPreparer(
    services.GetRequiredService<SafeImageLoader>(),
    services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnalysisOptions>>().Value.Colour));
builder.Services.AddEventHandler<StorageObjectEvent, PictureUploadedHandler>(EventTypes.Storage.Finalized);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEventEndpoint();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
