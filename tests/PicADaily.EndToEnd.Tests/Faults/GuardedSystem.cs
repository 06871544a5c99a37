using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// The faulted system closer to Google Cloud in the two ways the local default leaves out, for the
/// cases that need them; product defaults stay as they are, only this system's settings change.
/// <list type="bullet">
/// <item>Push authentication is on in the four reacting services, as on Cloud Run: each expects a token
/// for its push endpoint's URL (the proxy's, what the provisioner's <c>--push-service-account</c> would
/// name as the audience) from <see cref="PushAccount"/>, verified against <see cref="Issuer"/>'s key set
/// (<c>PUSH_AUTH_CERTIFICATES_URL</c>). The proxies play Pub/Sub's part and sign every delivery.</item>
/// <item>The thumbnail service's subscription (<see cref="ShortDeadlineSubscription"/>) has an ack deadline
/// of <see cref="AckDeadlineSeconds"/> instead of infra/topology.json's 120 s: the provisioner applies a copy
/// of the topology, so a service paused past its deadline is redelivered within a test. Only that one: a cold
/// service on a loaded machine can take longer than a short deadline, and five such attempts dead-letter.</item>
/// </list>
/// </summary>
public sealed class GuardedSystem : FaultedSystem
{
    public const string PushAccount = "picadaily-push@picadaily-local.iam.gserviceaccount.com";
    public const string ShortDeadlineSubscription = "thumbnail-picture-events";
    public const int AckDeadlineSeconds = 15;

    public LocalPushIssuer Issuer { get; private set; } = null!;

    /// <summary>The audience <paramref name="service"/> expects: the URL Pub/Sub pushes to.</summary>
    public string AudienceOf(string service) => Proxies[service].Address.ToString().TrimEnd('/');

    protected override async Task ConfigureAsync(IDistributedApplicationTestingBuilder builder)
    {
        await base.ConfigureAsync(builder);
        Issuer = await LocalPushIssuer.StartAsync();
        foreach (var service in ReactingServices)
        {
            var audience = AudienceOf(service);
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == service))
                .WithEnvironment(PushAuthenticationOptions.AudienceKey, audience)
                .WithEnvironment(PushAuthenticationOptions.AllowedEmailsKey, PushAccount)
                .WithEnvironment(PushAuthenticationOptions.CertificatesUrlKey, Issuer.KeySetUrl.ToString());
            Proxies[service].PushToken = () => Issuer.Sign(LocalPushIssuer.PushClaims(audience, PushAccount));
        }

        var provisioner = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "provisioner"));
        provisioner.WithArgs("--topology", await ShortDeadlineTopologyAsync()); // the last --topology wins
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
    }

    /// <summary>infra/topology.json with <see cref="ShortDeadlineSubscription"/>'s ack deadline at <see cref="AckDeadlineSeconds"/>, written into this system's data folder.</summary>
    private async Task<string> ShortDeadlineTopologyAsync()
    {
        var topology = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "infra", "topology.json")))!;
        var subscription = topology["subscriptions"]!.AsArray().Single(s => (string?)s!["name"] == ShortDeadlineSubscription)!;
        subscription["ackDeadlineSeconds"] = AckDeadlineSeconds;

        Directory.CreateDirectory(DataPath);
        var path = Path.Combine(DataPath, "topology-short-ack-deadlines.json");
        await File.WriteAllTextAsync(path, topology.ToJsonString());
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PicADaily.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The cases that need push authentication or short ack deadlines share one guarded system.</summary>
[CollectionDefinition(Name)]
public sealed class OnGuardedSystem : ICollectionFixture<GuardedSystem>
{
    public const string Name = "guarded faulted system";
}
