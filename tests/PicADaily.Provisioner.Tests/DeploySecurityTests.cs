using System.Globalization;
using System.Text.RegularExpressions;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>deploy.sh's closed defaults, its one opt-out, the bucket ownership check and the sizing, against the fake gcloud.</summary>
public sealed partial class DeploySecurityTests
{
    private const string Project = "demo-project";
    private const string Region = "europe-west1";
    private const string ProjectNumber = "123456789012";
    private const string PushAccount = "picadaily-push@demo-project.iam.gserviceaccount.com";
    private static readonly string[] PrivateServices = ["image-analysis", "thumbnail", "collage", "garbage-collection"];

    [Fact]
    public async Task By_default_the_frontend_is_behind_identity_aware_proxy_for_the_deployer_and_the_given_principals()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region, "--access", "group:friends@example.com", "--access=user:ann@example.com");

        Assert.True(run.ExitCode == 0, run.Error);
        var frontend = Assert.Single(run.Deployments("frontend"));
        Assert.Contains("--iap", frontend);
        Assert.Contains("--no-allow-unauthenticated", frontend);
        var env = Assert.Single(frontend, a => a.StartsWith("--set-env-vars=", StringComparison.Ordinal));
        Assert.Contains($"Access__IapAudience=/projects/{ProjectNumber}/locations/{Region}/services/frontend", env, StringComparison.Ordinal);
        Assert.Contains("Access__Admins__0=deployer@example.com", env, StringComparison.Ordinal);
        var admitted = run.Starting("beta iap web add-iam-policy-binding")
            .Where(c => c.Contains("--role=roles/iap.httpsResourceAccessor") && c.Contains("--service=frontend") && c.Contains("--resource-type=cloud-run"))
            .Select(c => c.Single(a => a.StartsWith("--member=", StringComparison.Ordinal))["--member=".Length..])
            .Order();
        Assert.Equal(["group:friends@example.com", "serviceAccount:" + PushAccount, "user:ann@example.com", "user:deployer@example.com"], admitted);
        Assert.Contains(run.Starting("run services add-iam-policy-binding frontend"), c => c.Contains($"--member=serviceAccount:service-{ProjectNumber}@gcp-sa-iap.iam.gserviceaccount.com") && c.Contains("--role=roles/run.invoker"));
        Assert.DoesNotContain(run.Calls, c => c.Contains("--allow-unauthenticated"));
        Assert.DoesNotContain(run.Calls, c => c.Any(a => a.Contains("allUsers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Public_opens_only_the_frontend()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region, "--public");

        Assert.True(run.ExitCode == 0, run.Error);
        var frontend = Assert.Single(run.Deployments("frontend"));
        Assert.Contains("--allow-unauthenticated", frontend);
        Assert.Contains("--no-iap", frontend);
        Assert.Empty(run.Starting("beta iap web add-iam-policy-binding"));
        foreach (var service in PrivateServices)
        {
            var deploy = Assert.Single(run.Deployments(service));
            Assert.Contains("--no-allow-unauthenticated", deploy);
            Assert.Contains("--ingress=internal", deploy);
        }

        Assert.Contains("PUBLIC", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("allUsers")]
    [InlineData("user:")]
    public async Task An_access_principal_that_is_not_a_typed_member_is_refused_before_any_gcloud_call(string principal)
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region, "--access", principal);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--access", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public async Task A_bucket_of_the_same_name_in_another_project_is_refused_not_adopted()
    {
        using var gcloud = new FakeGcloud();
        gcloud.Environment["FAKE_GCLOUD_FOREIGN_BUCKETS"] = $"gs://{Project}-pictures";

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"gs://{Project}-pictures", run.Error, StringComparison.Ordinal);
        Assert.Contains("999999999999", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Starting("storage buckets add-iam-policy-binding"));
        Assert.Empty(run.Starting("run deploy").Concat(run.Starting("beta run deploy")));
    }

    [Fact]
    public async Task A_bucket_this_project_owns_is_kept_and_a_second_run_passes_the_ownership_check()
    {
        using var gcloud = new FakeGcloud();
        await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        var second = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(2, second.Starting("storage buckets describe").Count(c => c.Contains("--raw")));
        Assert.Empty(second.Starting("storage buckets create"));
    }

    [Fact]
    public async Task Every_service_is_sized_and_cloud_run_concurrency_equals_the_services_own_admission_bound()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var service in PrivateServices.Append("frontend"))
        {
            var deploy = Assert.Single(run.Deployments(service));
            Assert.Contains(deploy, a => a.StartsWith("--memory=", StringComparison.Ordinal));
            Assert.Contains(deploy, a => a.StartsWith("--cpu=", StringComparison.Ordinal));
            Assert.Contains(deploy, a => a.StartsWith("--max-instances=", StringComparison.Ordinal));
            var concurrency = deploy.Single(a => a.StartsWith("--concurrency=", StringComparison.Ordinal))["--concurrency=".Length..];
            var env = deploy.Single(a => a.StartsWith("--set-env-vars=", StringComparison.Ordinal));
            var admitted = Regex.Match(env, @"Events__MaxConcurrent=(\d+)").Groups[1].Value;

            // The frontend's requests are mostly pages; only its events need the bound to match.
            Assert.True(service == "frontend" ? int.Parse(admitted, CultureInfo.InvariantCulture) <= int.Parse(concurrency, CultureInfo.InvariantCulture) : admitted == concurrency, $"{service}: --concurrency={concurrency}, Events__MaxConcurrent={admitted}");
        }

        Assert.Contains("budget", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_service_accounts_roles_are_exactly_the_table_in_the_gcp_readme()
    {
        using var gcloud = new FakeGcloud();

        var run = await gcloud.RunAsync("deploy.sh", "--project", Project, "--region", Region, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        var granted = run.Output.Split('\n')
            .Where(l => l.StartsWith("+ gcloud ", StringComparison.Ordinal) && l.Contains("add-iam-policy-binding", StringComparison.Ordinal))
            .Select(l => Binding().Match(l))
            .Where(m => m.Success && m.Groups["account"].Value.StartsWith("picadaily-", StringComparison.Ordinal))
            .Select(m => $"{m.Groups["account"].Value} | {ResourceOf(m.Groups["command"].Value)} | {m.Groups["role"].Value}")
            .ToHashSet();

        Assert.Equal(DocumentedRoles().Order(), granted.Order());
    }

    // The "Least privilege" table: one row per account, one column per resource, roles in backticks.
    private static HashSet<string> DocumentedRoles()
    {
        var readme = File.ReadAllLines(Repository.File("infra", "gcp", "README.md"));
        var header = Array.FindIndex(readme, l => l.StartsWith("| account | pictures bucket |", StringComparison.Ordinal));
        Assert.True(header >= 0, "infra/gcp/README.md has no least-privilege table");
        var columns = Cells(readme[header]);
        var roles = new HashSet<string>();
        foreach (var row in readme.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cells(row);
            var account = cells[0].Trim('`');
            for (var i = 1; i < cells.Count; i++)
            {
                foreach (Match role in Role().Matches(cells[i]))
                {
                    roles.Add($"{account} | {columns[i]} | {role.Value}");
                }
            }
        }

        return roles;
    }

    private static List<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static string ResourceOf(string command) => command switch
    {
        _ when command.StartsWith("storage buckets add-iam-policy-binding", StringComparison.Ordinal) && command.EndsWith("-pictures", StringComparison.Ordinal) => "pictures bucket",
        _ when command.StartsWith("storage buckets add-iam-policy-binding", StringComparison.Ordinal) && command.EndsWith("-thumbnails", StringComparison.Ordinal) => "thumbnails bucket",
        _ when command.StartsWith("projects add-iam-policy-binding", StringComparison.Ordinal) => "project",
        "pubsub topics add-iam-policy-binding picture-activity" => "`picture-activity` topic",
        _ when command.StartsWith("run services add-iam-policy-binding", StringComparison.Ordinal) => "Cloud Run services",
        _ when command.StartsWith("beta iap web add-iam-policy-binding", StringComparison.Ordinal) => "frontend's IAP",
        _ => string.Create(CultureInfo.InvariantCulture, $"unexpected: {command}"),
    };

    [GeneratedRegex(@"^\+ gcloud (?<command>[a-z ]+add-iam-policy-binding(?: [^ -][^ ]*)?) .*--member=serviceAccount:(?<account>[^@ ]+)@[^ ]+ --role=(?<role>roles/[A-Za-z.]+)")]
    private static partial Regex Binding();

    [GeneratedRegex(@"roles/[A-Za-z.]+")]
    private static partial Regex Role();
}
