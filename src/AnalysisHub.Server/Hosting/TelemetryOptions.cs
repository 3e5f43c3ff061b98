namespace AnalysisHub.Server.Hosting;

/// <summary>Where traces and metrics go (section <c>Telemetry</c>); neither set → nothing is exported.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Write traces and metrics to standard output (OpenTelemetry console exporter).</summary>
    public bool Console { get; set; }

    /// <summary>An OTLP collector to send traces and metrics to, e.g. http://otel-collector:4317.</summary>
    public string? OtlpEndpoint { get; set; }
}
