using PicADaily.Contracts.Configuration;
using PicADaily.Contracts.ProtoJson;

namespace PicADaily.Provisioner;

/// <summary>The parsed command line of the provisioner (see <see cref="Usage"/>).</summary>
public sealed record ProvisionerCommandLine(string TopologyPath, string? ProjectId, ProvisioningSettings Settings, bool NotificationTopicFormGiven, bool PrintRecords = false)
{
    /// <summary>Printed on a usage error or <c>--help</c>.</summary>
    public const string Usage = """
        Applies infra/topology.json to Pub/Sub and Cloud Storage (emulators when PUBSUB_EMULATOR_HOST /
        STORAGE_EMULATOR_HOST are set, Google Cloud with Application Default Credentials otherwise).

        picadaily-provision [options]
          --topology <path>                 topology file (default: infra/topology.json, or TOPOLOGY_PATH)
          --project <id>                    project (default: GOOGLE_CLOUD_PROJECT, else the topology's projectId)
          --endpoint <service>=<base URL>   where a service listens; one per service of the topology
          --push-service-account <email>    push with an OIDC token of this account (audience = the service's base URL)
          --bucket <declared>=<real name>   real bucket name for a declared one (global names on Google Cloud)
          --bucket-location <location>      location of buckets this tool creates
          --notification-topic-form short|full
                                            short (projects/p/topics/t, fake-gcs-server) or full (//pubsub.googleapis.com/...);
                                            default: short with STORAGE_EMULATOR_HOST set, else full
          --skip-storage                    leave buckets and notifications alone
          --skip-notifications              leave bucket notifications alone (fake-gcs-server's -event.* flags publish)
          --minimum-backoff <duration>      replace every subscription's declared minimum retry backoff (e.g. 1s, to retry faster locally)
          --maximum-backoff <duration>      the same for the maximum backoff
          --print-records                   print the topology as the tab-separated records infra/gcp/deploy.sh reads; apply nothing

        Exit codes: 0 applied (or nothing to do), 1 a difference it must not fix (see the messages), 2 usage or input error.
        """;

    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    public static ProvisionerCommandLine Parse(IReadOnlyList<string> args, string? defaultTopologyPath)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var buckets = new Dictionary<string, string>(StringComparer.Ordinal);
        string topology = defaultTopologyPath ?? Path.Combine("infra", "topology.json");
        string? project = null, account = null, location = null;
        bool? shortTopics = null;
        string? minimumBackoff = null, maximumBackoff = null;
        bool skipStorage = false, skipNotifications = false, printRecords = false;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            switch (option)
            {
                case "--topology": topology = Value(); break;
                case "--project": project = Value(); break;
                case "--push-service-account": account = Value(); break;
                case "--bucket-location": location = Value(); break;
                case "--skip-storage": skipStorage = true; break;
                case "--skip-notifications": skipNotifications = true; break;
                case "--print-records": printRecords = true; break;
                case "--minimum-backoff": minimumBackoff = Backoff(option, Value()); break;
                case "--maximum-backoff": maximumBackoff = Backoff(option, Value()); break;
                case "--endpoint":
                    var (service, url) = Pair(option, Value());
                    endpoints[service] = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                        ? uri
                        : throw new ArgumentException($"--endpoint {service}: '{url}' is not an absolute http(s) URL.");
                    break;
                case "--bucket":
                    var (declared, real) = Pair(option, Value());
                    buckets[declared] = real;
                    break;
                case "--notification-topic-form":
                    shortTopics = Value() switch
                    {
                        "short" => true,
                        "full" => false,
                        var other => throw new ArgumentException($"--notification-topic-form must be short or full, not '{other}'."),
                    };
                    break;
                default: throw new ArgumentException($"Unknown option '{option}'.");
            }
        }

        var settings = new ProvisioningSettings
        {
            Endpoints = endpoints,
            Buckets = buckets,
            PushServiceAccount = account,
            BucketLocation = location,
            SkipStorage = skipStorage,
            SkipNotifications = skipNotifications,
            ShortNotificationTopics = shortTopics ?? false,
            MinimumBackoffOverride = minimumBackoff,
            MaximumBackoffOverride = maximumBackoff,
        };
        return new ProvisionerCommandLine(topology, project, settings, shortTopics is not null, printRecords);
    }

    /// <summary>Any duration form the settings take (<c>500ms</c>, <c>1s</c>, <c>00:00:02</c>), passed on as Pub/Sub's proto form.</summary>
    private static string Backoff(string option, string text)
    {
        try
        {
            return ProtoDuration.Format(Durations.Parse(option, text));
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static (string Key, string Value) Pair(string option, string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < text.Length - 1
            ? (text[..equals], text[(equals + 1)..])
            : throw new ArgumentException($"{option} expects <name>=<value>, got '{text}'.");
    }
}
