namespace AnalysisHub.Server.Alerts;

public static class AlertHostingExtensions
{
    /// <summary>The monitor that raises alerts into the alert store (registered with the rest of the storage).</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection("Alerts"));
        builder.Services.AddHostedService<AlertMonitor>();
        return builder;
    }
}
