using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PicADaily.Testing;

/// <summary>
/// The small HTTP servers tests stand up in place of a real party (a push subscriber, a fault proxy, a
/// token issuer): ASP.NET Core's slim host on 127.0.0.1 at a free port, without logging.
/// </summary>
public static class LoopbackHost
{
    /// <summary>A host to map the fake's endpoints on before <see cref="StartAsync"/>.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    /// <returns>Where it listens, ending in '/'.</returns>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
