using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PicADaily.Architecture.Tests.Support;
using PicADaily.Contracts.Topology;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Architecture.Tests;

/// <summary>
/// infra/topology.json is the one declaration of who reacts to what: every service's registered
/// handlers must match what its subscriptions deliver and what its services entry lists. The same
/// check refuses a mismatched service at start-up; this one covers all of them without starting any.
/// </summary>
public sealed class ChoreographyTests
{
    private static readonly Topology Declared = TopologyLoader.Load(Repository.File("infra", "topology.json"));

    public static TheoryData<string> ServiceAssemblies() => new(AssemblyNames());

    [Theory]
    [MemberData(nameof(ServiceAssemblies))]
    public void A_service_registers_exactly_the_handlers_the_topology_feeds(string assembly)
    {
        using var host = ServiceHost.BuildWithoutStarting(assembly);
        var service = host.Services.GetRequiredService<IOptions<PicADailySettings>>().Value.ServiceName;
        var handlers = host.Services.GetRequiredService<EventHandlerRegistry>().HandlerNames;

        var problems = ChoreographyCheck.CheckHandlers(Declared, service, handlers);

        Assert.True(problems.Count == 0, $"{assembly}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Assert.NotEmpty(handlers);
    }

    [Fact]
    public void Every_subscription_pushes_to_a_declared_service_whose_handles_match_it()
    {
        var problems = ChoreographyCheck.CheckDeclarations(Declared);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_declared_service_has_a_project()
    {
        var names = AssemblyNames().Select(assembly =>
        {
            using var host = ServiceHost.BuildWithoutStarting(assembly);
            return host.Services.GetRequiredService<IOptions<PicADailySettings>>().Value.ServiceName;
        });

        Assert.Equal(Declared.DeclaredServices.Select(s => s.Name).Order(), names.Order());
    }

    // Assembly name = project file name here; a new service fails to load until this project references it.
    private static IEnumerable<string> AssemblyNames() => Repository.Projects("services").Select(p => Path.GetFileNameWithoutExtension(p));
}
