using PicADaily.Collage;
using PicADaily.Collage.Rendering;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("collage");
builder.Services.AddPictureServices(builder.Configuration);
builder.Services.AddSafeImageLoader(builder.Configuration);
builder.Services.AddSingleton<CollageRenderer>();
builder.Services.AddEventHandler<PubSubMessageEvent, CollageTickHandler>(EventTypes.PubSubMessagePublished);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEventEndpoint();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
