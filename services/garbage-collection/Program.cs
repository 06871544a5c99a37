using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.GarbageCollection;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;

await PictureService.RunAsync(args, "garbage-collection", (services, _) => services
    .AddEventHandler<StorageObjectEvent, PictureDeletedHandler>(EventTypes.Storage.Deleted)
    .AddEventHandler<ActivityEvent<PictureRejected>, PictureRejectedHandler>(EventTypes.PicADaily.PictureRejected));

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
