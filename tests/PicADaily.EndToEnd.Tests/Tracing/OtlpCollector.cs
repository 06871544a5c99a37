using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PicADaily.EndToEnd.Tests.Tracing;

/// <summary>One exported span: enough of OTLP's Span to tell which trace it is in, and who made it.</summary>
public sealed record CollectedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An in-process OTLP/HTTP receiver (protobuf, <c>POST /v1/traces</c>) on a free loopback port: every
/// resource of the system under test exports its spans here instead of to the dashboard. It decodes
/// only the fields the tests read (service.name, trace and span ids, parent, name, string attributes)
/// with Google.Protobuf's wire reader; metrics and logs are accepted and dropped.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<CollectedSpan> spans = new();

    private OtlpCollector(WebApplication app) => this.app = app;

    /// <summary>The base URL to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporters append <c>/v1/traces</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<CollectedSpan> Spans => spans.ToArray();

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = new OtlpCollector(builder.Build());
        collector.app.MapPost("/v1/traces", collector.ReceiveTracesAsync);
        collector.app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await collector.app.StartAsync();
        var address = collector.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        collector.Endpoint = new Uri(address);
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        foreach (var span in Decode(body.ToArray()))
        {
            spans.Enqueue(span);
        }

        // An empty ExportTraceServiceResponse: everything accepted.
        return Results.Bytes([], "application/x-protobuf");
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static IEnumerable<CollectedSpan> Decode(byte[] request) =>
        Fields(request).Where(f => f.Number == 1).SelectMany(f => DecodeResourceSpans(f.Bytes!));

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }  ScopeSpans { repeated Span spans = 2; }
    private static IEnumerable<CollectedSpan> DecodeResourceSpans(ByteString resourceSpans)
    {
        var fields = Fields(resourceSpans).ToList();
        var resource = fields.Where(f => f.Number == 1).SelectMany(f => Attributes(Fields(f.Bytes!).Where(a => a.Number == 1))).ToDictionary();
        var service = resource.GetValueOrDefault("service.name", "");
        return fields.Where(f => f.Number == 2)
            .SelectMany(scope => Fields(scope.Bytes!).Where(f => f.Number == 2))
            .Select(span => DecodeSpan(service, span.Bytes!));
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; repeated KeyValue attributes = 9; }
    private static CollectedSpan DecodeSpan(string service, ByteString span)
    {
        var fields = Fields(span).ToList();
        string Hex(int number) => fields.FirstOrDefault(f => f.Number == number).Bytes is { } bytes ? Convert.ToHexStringLower(bytes.Span) : "";
        var name = fields.FirstOrDefault(f => f.Number == 5).Bytes?.ToStringUtf8() ?? "";
        return new CollectedSpan(service, Hex(1), Hex(2), Hex(4), name, Attributes(fields.Where(f => f.Number == 9)).ToDictionary());
    }

    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string string_value = 1; int64 int_value = 3; ... }
    private static IEnumerable<KeyValuePair<string, string>> Attributes(IEnumerable<(int Number, ByteString? Bytes, ulong Varint)> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            var parts = Fields(keyValue.Bytes!).ToList();
            var key = parts.FirstOrDefault(p => p.Number == 1).Bytes?.ToStringUtf8();
            var value = parts.FirstOrDefault(p => p.Number == 2).Bytes is { } any ? Fields(any).FirstOrDefault() : default;
            if (key is null || value.Number == 0)
            {
                continue;
            }

            yield return new(key, value.Number == 1 ? value.Bytes!.ToStringUtf8() : value.Varint.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The fields of one message: length-delimited ones as bytes, varints as numbers; others skipped.</summary>
    private static IEnumerable<(int Number, ByteString? Bytes, ulong Varint)> Fields(ByteString message) => Fields(message.ToByteArray());

    private static List<(int Number, ByteString? Bytes, ulong Varint)> Fields(byte[] message)
    {
        var fields = new List<(int, ByteString?, ulong)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    fields.Add((number, input.ReadBytes(), 0));
                    break;
                case WireFormat.WireType.Varint:
                    fields.Add((number, null, input.ReadUInt64()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }
}
