using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Topology;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.Provisioner;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ProvisionerCommandLine.Usage);
    return 0;
}

var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
ProvisionerCommandLine commandLine;
Topology topology;
try
{
    commandLine = ProvisionerCommandLine.Parse(args, environment["TOPOLOGY_PATH"]);
    topology = TopologyLoader.Load(commandLine.TopologyPath);
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(ProvisionerCommandLine.Usage);
    return 2;
}

if (commandLine.PrintRecords)
{
    foreach (var record in TopologyRecords.Of(topology))
    {
        Console.WriteLine(record);
    }

    return 0;
}

var projectId = commandLine.ProjectId ?? environment[GoogleCloudOptions.ProjectKey] ?? topology.ProjectId;
var configuration = new ConfigurationBuilder()
    .AddConfiguration(environment)
    .AddInMemoryCollection(new Dictionary<string, string?> { [GoogleCloudOptions.ProjectKey] = projectId })
    .Build();
var settings = commandLine.Settings with
{
    ShortNotificationTopics = commandLine.NotificationTopicFormGiven
        ? commandLine.Settings.ShortNotificationTopics
        : !string.IsNullOrEmpty(configuration[GoogleCloudOptions.StorageEmulatorKey]),
    NeverExpire = string.IsNullOrEmpty(configuration[GoogleCloudOptions.PubSubEmulatorKey]),
};

using var services = new ServiceCollection().AddLogging().AddGoogleCloudClients(configuration).BuildServiceProvider();
var provisioner = new TopologyProvisioner(
    services.GetRequiredService<IPubSubAdmin>(),
    settings.SkipStorage ? null : services.GetRequiredService<StorageClient>());

Console.WriteLine($"Applying {commandLine.TopologyPath} to project {projectId}");
try
{
    var report = await provisioner.ApplyAsync(topology, projectId, settings, CancellationToken.None);
    foreach (var change in report.Changes)
    {
        Console.WriteLine($"  changed: {change}");
    }

    foreach (var problem in report.Problems)
    {
        Console.Error.WriteLine($"  PROBLEM: {problem}");
    }

    Console.WriteLine(report.NoChanges
        ? $"No changes: all {report.Unchanged.Count} declared resources are as declared."
        : $"{report.Changes.Count} changed, {report.Problems.Count} problem(s), {report.Unchanged.Count} already as declared.");
    return report.Problems.Count == 0 ? 0 : 1;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is PicADaily.GoogleCloud.Errors.GoogleApiRequestException or Google.GoogleApiException or HttpRequestException)
{
    // What was applied before the failure stays; running again continues from there.
    Console.Error.WriteLine($"Provisioning stopped: {e.Message}");
    return 1;
}
