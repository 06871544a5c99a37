using PicADaily.Contracts.Topology;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>infra/gcp/deploy.sh against a fake gcloud that remembers what was created.</summary>
public sealed class DeployScriptTests
{
    private const string Project = "demo-project";
    private const string Region = "europe-west1";
    private const string ProjectNumber = "123456789012";
    private const string PushAccount = "picadaily-push@demo-project.iam.gserviceaccount.com";
    private static readonly string[] Services = ["image-analysis", "thumbnail", "collage", "garbage-collection", "frontend"];
    private static readonly Topology Declared = TopologyLoader.Load(Repository.File("infra", "topology.json"));

    [Fact]
    public async Task A_first_deployment_creates_every_topology_element_and_every_service()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var topic in Declared.Topics)
        {
            Assert.Single(run.Starting($"pubsub topics create {topic}"));
        }

        foreach (var subscription in Declared.Subscriptions)
        {
            var create = Assert.Single(run.Starting($"pubsub subscriptions create {subscription.Name}"));
            var url = $"https://{subscription.Service}-{ProjectNumber}.{Region}.run.app";
            Assert.Contains($"--topic={subscription.Topic}", create);
            Assert.Contains($"--push-endpoint={url}{subscription.Path}", create);
            Assert.Contains($"--push-auth-service-account={PushAccount}", create);
            Assert.Contains($"--push-auth-token-audience={url}", create);
            Assert.Contains($"--ack-deadline={subscription.AckDeadlineSeconds}", create);
            if (subscription.DeadLetterPolicy is { } deadLetter)
            {
                Assert.Contains($"--dead-letter-topic={deadLetter.DeadLetterTopic}", create);
                Assert.Contains($"--max-delivery-attempts={deadLetter.MaxDeliveryAttempts}", create);
            }

            if (subscription.Filter is { } filter)
            {
                Assert.Contains($"--message-filter={filter}", create);
            }
        }

        var notification = Assert.Single(run.Starting($"storage buckets notifications create gs://{Project}-pictures"));
        Assert.Contains($"--topic=projects/{Project}/topics/picture-events", notification);
        Assert.Contains("--event-types=OBJECT_FINALIZE,OBJECT_DELETE", notification);
        var job = Assert.Single(run.Starting("scheduler jobs create pubsub collage-refresh"));
        Assert.Contains("--schedule=* * * * *", job);
        Assert.Contains($"--topic=projects/{Project}/topics/collage-refresh", job);
        foreach (var service in Services)
        {
            Assert.Single(run.Starting("builds submit"), c => c.Contains($"--substitutions=_PROJECT_DIR=services/{service},_IMAGE={Region}-docker.pkg.dev/{Project}/picadaily/{service}:test"));
            var deploy = Assert.Single(run.Deployments(service));
            Assert.Contains($"--service-account=picadaily-{service}@{Project}.iam.gserviceaccount.com", deploy);
            Assert.Contains("--no-allow-unauthenticated", deploy);
            Assert.Contains(service == "frontend" ? "--iap" : "--ingress=internal", deploy);
            Assert.Contains(deploy, a => a.Contains($"PUSH_AUTH_AUDIENCE=https://{service}-{ProjectNumber}.{Region}.run.app,PUSH_AUTH_ALLOWED_EMAILS={PushAccount}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Private_buckets_firestore_indexes_and_least_privilege_accounts_are_created()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var bucket in new[] { "pictures", "thumbnails" })
        {
            var create = Assert.Single(run.Starting($"storage buckets create gs://{Project}-{bucket}"));
            Assert.Contains("--uniform-bucket-level-access", create);
            Assert.Contains("--public-access-prevention", create);
        }

        Assert.Contains("--type=firestore-native", Assert.Single(run.Starting("firestore databases create")));
        Assert.Equal(2, run.Starting("firestore indexes composite create").Count);
        Assert.Equal(Services.Length + 1, run.Starting("iam service-accounts create").Count);
        // Private services admit the push account only; the frontend admits Identity-Aware Proxy's agent.
        var invokers = run.Starting("run services add-iam-policy-binding").Where(c => c.Contains($"--member=serviceAccount:{PushAccount}")).ToList();
        Assert.Equal(Services.Where(s => s != "frontend").Order(), invokers.Select(c => c[3]).Order());
        Assert.All(invokers, c => Assert.Contains($"--member=serviceAccount:{PushAccount}", c));
        // Dead-lettering: the Pub/Sub service agent publishes to dead-letters and acknowledges on each source.
        var agent = $"--member=serviceAccount:service-{ProjectNumber}@gcp-sa-pubsub.iam.gserviceaccount.com";
        Assert.Contains(run.Starting("pubsub topics add-iam-policy-binding dead-letters"), c => c.Contains(agent) && c.Contains("--role=roles/pubsub.publisher"));
        foreach (var subscription in Declared.Subscriptions.Where(s => s.DeadLetterPolicy is not null))
        {
            Assert.Contains(run.Starting($"pubsub subscriptions add-iam-policy-binding {subscription.Name}"), c => c.Contains(agent) && c.Contains("--role=roles/pubsub.subscriber"));
        }

        // No account may administer the project.
        Assert.DoesNotContain(run.Calls, c => c.Any(a => a is "--role=roles/owner" or "--role=roles/editor" or "--role=roles/storage.admin"));
    }

    [Fact]
    public async Task A_second_deployment_creates_nothing()
    {
        using var gcloud = new FakeGcloud();
        var first = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        var second = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.NotEmpty(first.Changes);
        Assert.Empty(second.Changes.Select(c => string.Join(' ', c)));
    }

    [Fact]
    public async Task A_dry_run_prints_every_command_and_calls_no_gcloud()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(run.Calls);
        Assert.Contains("+ gcloud pubsub topics create picture-events --project=demo-project", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ gcloud scheduler jobs create pubsub collage-refresh", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ gcloud beta run deploy frontend", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ gcloud run services add-iam-policy-binding thumbnail", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ gcloud pubsub topics add-iam-policy-binding dead-letters", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_project_the_script_stops_with_usage_and_calls_no_gcloud()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--region", Region);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--project", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public async Task Teardown_removes_what_the_deployment_created_and_a_second_teardown_finds_nothing_to_remove()
    {
        using var gcloud = new FakeGcloud();
        await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        var teardown = await gcloud.RunAsync("teardown.sh", "--project", Project, "--region", Region);

        Assert.True(teardown.ExitCode == 0, teardown.Error);
        Assert.Equal(Declared.Subscriptions.Count, teardown.Starting("pubsub subscriptions delete").Count);
        Assert.Equal(Declared.Topics.Count, teardown.Starting("pubsub topics delete").Count);
        Assert.Equal(Services.Length, teardown.Starting("run services delete").Count);
        Assert.Single(teardown.Starting("scheduler jobs delete collage-refresh"));
        Assert.Equal(2, teardown.Starting("storage rm").Count);
        var again = await gcloud.RunAsync("teardown.sh", "--project", Project, "--region", Region);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Empty(again.Changes.Select(c => string.Join(' ', c)));
    }
}
