using System.Diagnostics;
using PicADaily.Contracts.Topology;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>The records infra/gcp/deploy.sh and teardown.sh read, printed by the provisioner.</summary>
public sealed class TopologyRecordsTests
{
    [Fact]
    public void The_records_of_the_real_topology_are_those_the_deploy_scripts_always_read()
    {
        // Deploy/topology-records.tsv is what the scripts' former python reader printed for this topology.
        var expected = File.ReadAllLines(Repository.File("tests", "PicADaily.Provisioner.Tests", "Deploy", "topology-records.tsv"));

        var records = TopologyRecords.Of(TopologyLoader.Load(Repository.File("infra", "topology.json")));

        Assert.Equal(expected, records);
    }

    [Fact]
    public void Empty_fields_are_a_dash_so_that_bash_read_keeps_every_field_in_place()
    {
        var topology = new Topology("p", [], [], ["t"], [new PushSubscription("s", "t", "svc", "/events", 0, null, null, null)],
            [new ScheduledJob("job", "* * * * *", null, "t", null, null)]);

        Assert.Equal(
            ["topic\tt", "subscription\ts\tt\tsvc\t/events\t-\t-\t-\t-\t-\t-", "schedule\tjob\t* * * * *\t-\tt\t-\t-"],
            TopologyRecords.Of(topology));
    }

    [Fact]
    public void A_value_with_a_tab_is_refused_rather_than_shifting_the_fields_after_it()
    {
        var topology = new Topology("p", [], [], ["bad\ttopic"], [], []);

        Assert.Throws<InvalidDataException>(() => TopologyRecords.Of(topology).ToList());
    }

    [Fact]
    public async Task The_command_line_prints_the_records_and_applies_nothing()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(TopologyProvisioner).Assembly.Location, "--print-records", "--topology", Repository.File("infra", "topology.json") })
        {
            start.ArgumentList.Add(argument);
        }

        // No emulator variables and no credentials: printing must not need any.
        start.Environment.Remove("PUBSUB_EMULATOR_HOST");
        start.Environment.Remove("STORAGE_EMULATOR_HOST");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await error);
        var expected = await File.ReadAllTextAsync(Repository.File("tests", "PicADaily.Provisioner.Tests", "Deploy", "topology-records.tsv"));
        Assert.Equal(expected, (await output).ReplaceLineEndings("\n"));
    }
}
