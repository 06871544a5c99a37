using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Storage;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>The frontend in memory, with in-memory buckets, picture documents and Firestore, and small upload limits.</summary>
/// <remarks>Frontends built over the same stand-ins are several instances of one deployment; with <see cref="Clock"/> their live poller ticks only when the test advances it.</remarks>
public class FrontendFactory(InMemoryPictureObjects objects, InMemoryPictureDirectory directory, InMemoryFirestore firestore) : WebApplicationFactory<Program>
{
    public FrontendFactory()
        : this(new InMemoryPictureObjects(), new InMemoryPictureDirectory(), new InMemoryFirestore())
    {
    }

    public const long MaxFileBytes = 64 * 1024;
    public const long MaxRequestBytes = 256 * 1024;

    public InMemoryPictureObjects Objects { get; } = objects;

    public InMemoryPictureDirectory Directory { get; } = directory;

    public InMemoryFirestore Firestore { get; } = firestore;

    /// <summary>When set, the frontend's clock (and so its live poller's ticks).</summary>
    public FakeTimeProvider? Clock { get; init; }

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
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }
}
