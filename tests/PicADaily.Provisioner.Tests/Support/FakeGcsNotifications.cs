using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Cloud.Storage.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.Storage;

namespace PicADaily.Provisioner.Tests.Support;

/// <summary>
/// The bucket and notificationConfigs subset of the Storage JSON API, as fake-gcs-server (v1.55+)
/// answers it: sequential ids, topics kept as sent. The official client talks to it over HTTP on 127.0.0.1.
/// (LocalCloud's own Storage API lives on another branch; this keeps the storage step tested meanwhile.)
/// </summary>
public sealed class FakeGcsNotifications : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeGcsNotifications(WebApplication app, string host)
    {
        this.app = app;
        Client = GoogleStorageClientFactory.Create(new GoogleCloudOptions { StorageEmulatorHost = host });
    }

    public StorageClient Client { get; }

    public ConcurrentDictionary<string, JsonObject> Buckets { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, List<JsonObject>> Notifications { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeGcsNotifications> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeGcsNotifications? fake = null;
        app.MapGet("/storage/v1/b/{bucket}", (string bucket) =>
            fake!.Buckets.TryGetValue(bucket, out var found) ? Results.Json(found) : NotFound($"bucket {bucket}"));
        app.MapPost("/storage/v1/b", async (HttpRequest request) =>
        {
            var bucket = (await ReadJsonAsync(request));
            bucket["kind"] = "storage#bucket";
            fake!.Buckets[bucket["name"]!.GetValue<string>()] = bucket;
            return Results.Json(bucket);
        });
        app.MapGet("/storage/v1/b/{bucket}/notificationConfigs", (string bucket) =>
            Results.Json(new JsonObject { ["kind"] = "storage#notifications", ["items"] = new JsonArray([.. fake!.Configs(bucket).Select(n => n.DeepClone())]) }));
        app.MapPost("/storage/v1/b/{bucket}/notificationConfigs", async (string bucket, HttpRequest request) =>
        {
            var config = (await ReadJsonAsync(request));
            var configs = fake!.Configs(bucket);
            lock (configs)
            {
                config["id"] = (configs.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                config["kind"] = "storage#notification";
                configs.Add(config);
            }

            return Results.Json(config);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeGcsNotifications(app, address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }

    // The official client gzips request bodies.
    private static async Task<JsonObject> ReadJsonAsync(HttpRequest request)
    {
        var body = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        await using (body)
        {
            return (await JsonNode.ParseAsync(body))!.AsObject();
        }
    }

    private List<JsonObject> Configs(string bucket) => Notifications.GetOrAdd(bucket, _ => []);

    private static IResult NotFound(string what) =>
        Results.Json(JsonSerializer.SerializeToNode(new { error = new { code = 404, message = $"{what} not found" } }), statusCode: 404);
}
