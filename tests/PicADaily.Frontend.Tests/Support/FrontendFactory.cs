using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Storage;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>The frontend in memory, with in-memory buckets, picture documents and Firestore, and small upload limits.</summary>
public class FrontendFactory : WebApplicationFactory<Program>
{
    public const long MaxFileBytes = 64 * 1024;
    public const long MaxRequestBytes = 256 * 1024;

    public InMemoryPictureObjects Objects { get; } = new();

    public InMemoryPictureDirectory Directory { get; } = new();

    public InMemoryFirestoreClient Firestore { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Upload:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Upload:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Upload:MaxFiles", "5");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IPictureObjects>(Objects);
            services.AddSingleton<IPictureDirectory>(Directory);
            services.AddSingleton<IFirestoreClient>(Firestore);
        });
    }
}
