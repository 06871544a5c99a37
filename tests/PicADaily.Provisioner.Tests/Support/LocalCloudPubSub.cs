using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.Provisioner.Tests.Support;

/// <summary>A real LocalCloud, with our Pub/Sub REST client and the official Storage client pointed at it as at emulators.</summary>
public sealed class LocalCloudPubSub : IAsyncDisposable
{
    public const string Project = "picadaily-local";

    private readonly TestLocalCloud cloud;
    private readonly ServiceProvider services;

    private LocalCloudPubSub(TestLocalCloud cloud, ServiceProvider services)
    {
        this.cloud = cloud;
        this.services = services;
        Admin = services.GetRequiredService<IPubSubAdmin>();
        Storage = services.GetRequiredService<StorageClient>();
    }

    public IPubSubAdmin Admin { get; }

    /// <summary>The official Storage client against LocalCloud's Storage JSON API.</summary>
    public StorageClient Storage { get; }

    public Uri BaseUri => cloud.BaseUri;

    public static async Task<LocalCloudPubSub> StartAsync()
    {
        var cloud = await TestLocalCloud.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GoogleCloudOptions.ProjectKey] = Project,
            [GoogleCloudOptions.PubSubEmulatorKey] = cloud.BaseUri.Authority,
            [GoogleCloudOptions.StorageEmulatorKey] = cloud.BaseUri.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddGoogleCloudClients(configuration).BuildServiceProvider();
        return new LocalCloudPubSub(cloud, services);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await cloud.DisposeAsync();
    }
}
