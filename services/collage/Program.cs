using PicADaily.Collage;
using PicADaily.Collage.Rendering;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;

await PictureService.RunAsync(args, "collage", (services, configuration) => services
    .AddSafeImageLoader(configuration)
    .AddSingleton<CollageRenderer>()
    .AddEventHandler<PubSubMessageEvent, CollageTickHandler>(EventTypes.PubSubMessagePublished));

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
