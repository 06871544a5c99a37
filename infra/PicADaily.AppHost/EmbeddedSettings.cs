using System.Globalization;
using Microsoft.Extensions.Configuration;
using PicADaily.Contracts.Configuration;
using PicADaily.Contracts.ProtoJson;

namespace PicADaily.AppHost;

/// <summary>
/// What the embedded default can be told (command line or environment):
/// <c>PICADAILY_DATA</c> (state folder, default <c>.data/</c> at the repository root),
/// <c>CollageSchedule</c> (cron, default every minute, from infra/topology.json),
/// <c>RetryMinimumBackoff</c> / <c>RetryMaximumBackoff</c> (e.g. "1s", to retry faster locally),
/// <c>FolderSettleInterval</c> (how long a dropped file must stay unchanged before it is announced),
/// <c>FolderIncompleteGrace</c> (how long a dropped picture that does not look whole waits before it is announced anyway),
/// <c>DecodeConcurrency</c> (decodes at once per image service, default one per core) and
/// <c>MaxConcurrentEvents</c> (events in progress per service before it answers 429, default eight per core) and
/// <c>OtlpEndpoint</c> (an OTLP/HTTP receiver that gets every resource's telemetry instead of the dashboard; the
/// end-to-end trace test's collector). The dashboard's address is handed to the frontend, whose picture pages link
/// to each picture's trace there; and
/// <c>Admins</c> (comma-separated addresses the frontend treats as admins, e.g. the development identity
/// <c>developer@localhost</c>: they moderate and open <c>/operations</c>);
/// <c>StopOnResourceFailure</c> (default true: a resource that dies stops the whole app host; the fault
/// tests set it false because they kill services on purpose and start them again).
/// Durations take the forms of <see cref="Durations"/>. Every option is checked here, before anything
/// starts, and forwarded in the form its reader expects, so a typo is one clear error instead of a
/// resource dying after "Distributed application started".
/// </summary>
internal sealed record EmbeddedSettings(
    string DataPath,
    string TopologyPath,
    IReadOnlyDictionary<string, string> LocalCloudOverrides,
    IReadOnlyDictionary<string, string> ServiceOverrides,
    string? DashboardUrl,
    bool StopOnResourceFailure,
    IReadOnlyList<string> ProvisionerArguments)
{
    public const string ProjectId = "picadaily-local";

    public static EmbeddedSettings From(IConfiguration configuration)
    {
        var root = RepositoryRoot();
        var data = configuration["PICADAILY_DATA"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(root, ".data");
        Directory.CreateDirectory(data);

        var errors = new List<string>();
        var overrides = new Dictionary<string, string>();
        Forward(configuration, "CollageSchedule", "LocalCloud__Schedules__collage-refresh", overrides, errors, text => text);

        // The provisioner writes the subscriptions' retry policies, in Pub/Sub's proto durations ("0.5s");
        // LocalCloud's own options are hh:mm:ss.
        var backoffs = new Dictionary<string, string>();
        var minimum = Forward(configuration, "RetryMinimumBackoff", "--minimum-backoff", backoffs, errors, text => ProtoDuration.Format(Duration("RetryMinimumBackoff", text)));
        var maximum = Forward(configuration, "RetryMaximumBackoff", "--maximum-backoff", backoffs, errors, text => ProtoDuration.Format(Duration("RetryMaximumBackoff", text)));
        Forward(configuration, "FolderSettleInterval", "LocalCloud__Storage__SettleInterval", overrides, errors, text => Duration("FolderSettleInterval", text).ToString("c", CultureInfo.InvariantCulture));
        Forward(configuration, "FolderIncompleteGrace", "LocalCloud__Storage__IncompleteGrace", overrides, errors, text => Duration("FolderIncompleteGrace", text).ToString("c", CultureInfo.InvariantCulture));
        if (minimum is not null && maximum is not null && Duration("RetryMinimumBackoff", minimum) > Duration("RetryMaximumBackoff", maximum))
        {
            errors.Add($"RetryMinimumBackoff ({minimum}) is longer than RetryMaximumBackoff ({maximum}).");
        }

        // Every service reads both; only the image services decode, the others ignore the first.
        var serviceOverrides = new Dictionary<string, string>();
        Forward(configuration, "DecodeConcurrency", "Images__DecodeConcurrency", serviceOverrides, errors, text => PositiveInteger("DecodeConcurrency", text));
        Forward(configuration, "MaxConcurrentEvents", "Events__MaxConcurrent", serviceOverrides, errors, text => PositiveInteger("MaxConcurrentEvents", text));
        if (Forward(configuration, "OtlpEndpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", serviceOverrides, errors, text => HttpUrl("OtlpEndpoint", text)) is not null)
        {
            // Set after Aspire's own OTLP variables, so these win, for LocalCloud as for the services.
            serviceOverrides["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            overrides["OTEL_EXPORTER_OTLP_ENDPOINT"] = serviceOverrides["OTEL_EXPORTER_OTLP_ENDPOINT"];
            overrides["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        // Who may moderate and open /operations locally: nobody unless named (Admins=developer@localhost
        // makes the development identity one). Only the frontend reads it.
        var admins = configuration["Admins"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        for (var i = 0; i < admins.Length; i++)
        {
            serviceOverrides[$"Access__Admins__{i}"] = admins[i];
        }

        var stopOnResourceFailure = true;
        if (configuration["StopOnResourceFailure"] is { Length: > 0 } stop && !bool.TryParse(stop, out stopOnResourceFailure))
        {
            errors.Add($"StopOnResourceFailure: '{stop}' is not true or false.");
        }

        if (errors.Count > 0)
        {
            throw new AppHostOptionsException(errors);
        }

        // The dashboard answers where the app host's launch profile says (applicationUrl).
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new EmbeddedSettings(data, Path.Combine(root, "infra", "topology.json"), overrides, serviceOverrides, dashboard, stopOnResourceFailure,
            backoffs.SelectMany(option => new[] { option.Key, option.Value }).ToList());
    }

    /// <summary>Validates and converts <paramref name="key"/> when it is given; returns what was given.</summary>
    private static string? Forward(IConfiguration configuration, string key, string variable, Dictionary<string, string> overrides, List<string> errors, Func<string, string> convert)
    {
        if (configuration[key] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            overrides[variable] = convert(value);
            return value;
        }
        catch (FormatException e)
        {
            errors.Add(e.Message);
            return null;
        }
    }

    private static TimeSpan Duration(string key, string text) => Durations.Parse(key, text);

    private static string HttpUrl(string key, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.ToString().TrimEnd('/')
            : throw new FormatException($"{key}: '{text}' is not an http(s) URL.");

    private static string PositiveInteger(string key, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw new FormatException($"{key}: '{text}' is not a whole number of at least 1.");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the app host from a checkout of Pic-a-Daily (PicADaily.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
