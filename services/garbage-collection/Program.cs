using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.GarbageCollection;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("garbage-collection");
builder.Services.AddPictureServices(builder.Configuration);
builder.Services.AddTransient<ThumbnailSweeper>();
builder.Services.AddEventHandler<StorageObjectEvent, PictureDeletedHandler>(EventTypes.Storage.Deleted);
builder.Services.AddEventHandler<ActivityEvent<PictureRejected>, PictureRejectedHandler>(EventTypes.PicADaily.PictureRejected);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEventEndpoint();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
