using AnalysisHub.Grains;
using AnalysisHub.Server.Live;
using AnalysisHub.Server.Ingest;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// OpenTelemetry traces (an HTTP request, the ledger commit that carried it and the grain calls delivering its
/// changes) and metrics (the hub's meter: ingest outcomes, batch latency, rollup lag, active grains, live
/// subscribers; plus ASP.NET Core's and Orleans'), exported to the console and/or an OTLP collector as
/// configured in <see cref="TelemetryOptions"/>. Logs are structured (set <c>Logging:Console:FormatterName=json</c>
/// for JSON lines).
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddHubTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<LiveMetrics>();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        if (!options.Console && otlp is null) return builder;

        var hub = HubOptions.From(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("analysishub", serviceInstanceId: $"{Environment.MachineName}:{hub.Role}:{hub.SiloPort}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(GroupCommitPipeline.Activities.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation();
                if (options.Console) tracing.AddConsoleExporter();
                if (otlp is not null) tracing.AddOtlpExporter(o => o.Endpoint = otlp);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IngestMetrics.MeterName, RollupMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting");
                if (options.Console) metrics.AddConsoleExporter();
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        return builder;
    }
}
