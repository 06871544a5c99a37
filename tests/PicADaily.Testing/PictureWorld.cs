using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Storage;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Testing;

/// <summary>
/// Buckets, documents and the activity topic of one test, in memory, plus the storage events a
/// handler would receive for what happens in them.
/// </summary>
public sealed class PictureWorld
{
    public const string Pictures = "pictures";
    public const string Thumbnails = "thumbnails";

    public InMemoryStorageClient Storage { get; } = new();

    public InMemoryFirestoreClient Firestore { get; } = new();

    public RecordingEventPublisher Publisher { get; } = new();

    public PictureStorage PictureStorage => new(Storage);

    public PictureCatalog Catalog => new(Firestore);

    public GenerationGuardedArtifacts Artifacts => new(PictureStorage, Settings("artifacts"));

    /// <summary>The process's budget for downloaded originals, shared by every handler of this world.</summary>
    public OriginalsBudget Originals { get; } = new(OriginalsBudget.DefaultBytes);

    public PictureIntake Intake => new(PictureStorage, Originals, Settings("intake"));

    /// <summary>Announces on <see cref="Publisher"/> as <paramref name="serviceName"/>.</summary>
    public ActivityAnnouncer Announcer(string serviceName) => new(Publisher, Settings(serviceName));

    public IOptions<PicADailySettings> Settings(string serviceName) => Options.Create(new PicADailySettings
    {
        ServiceName = serviceName,
        PicturesBucket = Pictures,
        ThumbnailsBucket = Thumbnails,
    });

    /// <summary>Uploads a picture and returns the FINALIZE event the bucket notification would carry.</summary>
    public StorageObjectEvent Upload(string name, byte[] content, string contentType = "image/jpeg")
    {
        var generation = Storage.Put(Pictures, name, content, contentType);
        return Finalized(name, generation);
    }

    public static StorageObjectEvent Finalized(string name, long generation, long? overwrote = null) => Event(StorageEventKind.Finalized, name, generation) with { OverwroteGeneration = overwrote };

    public static StorageObjectEvent Deleted(string name, long generation, long? overwrittenBy = null) => Event(StorageEventKind.Deleted, name, generation) with { OverwrittenByGeneration = overwrittenBy };

    public PictureDocument? Document(string name) =>
        Firestore.All(PictureDocument.Collection).Where(d => d.Id == PictureDocumentId.FromObjectName(name))
            .Select(_ => Catalog.GetAsync(name, CancellationToken.None).GetAwaiter().GetResult()?.Document).SingleOrDefault();

    /// <summary>The thumbnail's source generation, or null when there is no thumbnail.</summary>
    public long? ThumbnailSource(string name) =>
        Storage.Find(Thumbnails, name) is { } thumbnail ? BucketObject.SourceGenerationIn(thumbnail.Metadata.Metadata) : null;

    private static StorageObjectEvent Event(StorageEventKind kind, string name, long generation) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = kind.ToCloudEventType(),
        Subject = name,
        Delivery = new DeliveryInfo(DeliveryMode.PubSubPush, MessageId: Guid.NewGuid().ToString("N")),
        Kind = kind,
        Bucket = Pictures,
        Name = name,
        Generation = generation,
    };
}
