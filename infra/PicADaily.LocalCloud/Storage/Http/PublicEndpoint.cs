using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>
/// The address LocalCloud answers on, for links inside resources built outside a request
/// (notification payloads). Inside a request the request's own scheme and host are used.
/// </summary>
public sealed class PublicEndpoint(IServer server)
{
    public Uri BaseUri
    {
        get
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:8090";
            address = address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal);
            return new Uri(address.TrimEnd('/') + "/");
        }
    }

    public static Uri FromRequest(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");
}
