using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// OpenTelemetry traces (HTTP requests and the Orleans calls they make) and metrics (the hub's meter, ASP.NET
/// Core, Orleans), written to the console when <c>Telemetry:Console</c> is true.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddHubTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestMetrics>();
        if (!builder.Configuration.GetValue<bool>("Telemetry:Console")) return builder;
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddConsoleExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(IngestMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting")
                .AddConsoleExporter());
        return builder;
    }
}
