using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Frontend.Access;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>The in-memory frontend with extra settings (access, proxy, limits) and IAP's keys served locally.</summary>
public sealed class AccessFactory(params (string Key, string Value)[] settings) : FrontendFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton(new IapKeySetHttp(LocalIapSigner.CertificateHttp)));
    }
}
