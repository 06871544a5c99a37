using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// The embedded default with a <see cref="PushFaultProxy"/> in front of each reacting service:
/// the provisioner is given one more <c>--endpoint {service}=…</c> per service (the last one wins), so
/// the push subscriptions it creates point at the proxy, and the proxy forwards to the service's real endpoint. Tests aim
/// faults at their own pictures through <see cref="Proxies"/> and kill or restart processes through
/// <see cref="Processes"/>. A killed service would stop the whole app host by default, so this one runs
/// with <c>StopOnResourceFailure=false</c>. The development identity is an admin here
/// (<c>Admins=developer@localhost</c>), so tests can operate through <c>/operations</c> as a person would.
/// </summary>
public class FaultedSystem() : PicADailySystem(emulators: false, "StopOnResourceFailure=false", $"Admins={DevelopmentAdmin}")
{
    /// <summary>The identity the app host gives the frontend locally, made an admin here.</summary>
    public const string DevelopmentAdmin = "developer@localhost";

    public static readonly string[] ReactingServices = ["image-analysis", "thumbnail", "garbage-collection", "collage"];
    private readonly Dictionary<string, PushFaultProxy> proxies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, PushFaultProxy> Proxies => proxies;

    public ServiceProcesses Processes { get; private set; } = null!;

    /// <summary>Every fault injected so far, by proxy and process, e.g. "thumbnail Duplicate 2".</summary>
    public string FaultSummary() =>
        string.Join("; ", proxies.Values.Select(p => $"{p.Service}: {p.Counts}").Append($"processes: {Processes.Counts}"));

    protected override async Task ConfigureAsync(IDistributedApplicationTestingBuilder builder)
    {
        var provisioner = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "provisioner"));
        foreach (var service in ReactingServices)
        {
            var proxy = await PushFaultProxy.StartAsync(service, FaultPlan.Scripted());
            proxies[service] = proxy;
            provisioner.WithArgs("--endpoint", $"{service}={proxy.Address}");
        }
    }

    protected override Task StartedAsync(DistributedApplication started)
    {
        Processes = new ServiceProcesses(started, (service, down) =>
        {
            if (proxies.TryGetValue(service, out var proxy))
            {
                proxy.ServiceDown = down;
            }
        });
        foreach (var (service, proxy) in proxies)
        {
            proxy.Target = started.GetEndpoint(service, "http");
        }

        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var proxy in proxies.Values)
        {
            await proxy.DisposeAsync();
        }
    }
}

/// <summary>The reliability cases share one faulted system.</summary>
[CollectionDefinition(Name)]
public sealed class OnFaultedSystem : ICollectionFixture<FaultedSystem>
{
    public const string Name = "faulted embedded system";
}
