using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// LocalCloud's own spans: each push delivery, and the start of a dropped file's trace. Exported over
/// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the app host sets it, pointing at the
/// Aspire dashboard); unset, nothing listens, no span is made and nothing about the APIs changes.
/// </summary>
public static class LocalCloudTelemetry
{
    public const string ActivitySourceName = "PicADaily.LocalCloud";

    public static ActivitySource Source { get; } = new(ActivitySourceName);

    public static WebApplicationBuilder AddLocalCloudTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "localcloud"))
            .WithTracing(tracing => tracing.AddSource(ActivitySourceName))
            .UseOtlpExporter();
        return builder;
    }
}
