using Google.Cloud.Storage.V1;

using Microsoft.AspNetCore.Builder;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Storage.Folders;
using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Starts a LocalCloud for storage tests: short settle/scan/retry intervals, a recording publisher, the official client.</summary>
public static class StorageTestCloud
{
    public static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(600);

    public static Task<TestLocalCloud> StartAsync(RecordingPublisher? publisher = null, string? dataPath = null, Action<WebApplicationBuilder>? configure = null) =>
        TestLocalCloud.StartAsync(dataPath, new Dictionary<string, string?>
        {
            ["LocalCloud:Storage:SettleInterval"] = SettleInterval.ToString(),
            ["LocalCloud:Storage:ScanInterval"] = "00:00:01",
            ["LocalCloud:Storage:RetryInitialDelay"] = "00:00:00.100",
            ["LocalCloud:Storage:RetryMaxDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        }, builder =>
        {
            if (publisher is not null)
            {
                builder.Services.AddSingleton<IMessagePublisher>(publisher);
            }

            configure?.Invoke(builder);
        });

    /// <summary>Runs the bucket folder scanner on <paramref name="clock"/>; everything else in LocalCloud keeps the real clock.</summary>
    public static Action<WebApplicationBuilder> ScannerOn(TimeProvider clock) => builder =>
    {
        var scanner = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(BucketFolderScanner));
        builder.Services.Remove(scanner);
        builder.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<BucketFolderScanner>(provider, clock));
    };

    public static StorageClient Client(TestLocalCloud cloud) =>
        new StorageClientBuilder { BaseUri = new Uri(cloud.BaseUri, "storage/v1/").ToString(), UnauthenticatedAccess = true }.Build();

    public static string BucketFolder(TestLocalCloud cloud, string bucket) => Path.Combine(cloud.DataPath, "buckets", bucket);

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
