using AnalysisHub.Server.Hosting;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Surveillance;

public static class AlertHostingExtensions
{
    /// <summary>The alert store (its own SQLite file in the data folder) and the monitor that fills it.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection("Alerts"));
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        builder.Services.AddSingleton(new SqliteAlertStore(Path.Combine(Path.GetFullPath(hub.DataDirectory), "alerts.db")));
        builder.Services.AddHostedService<AlertMonitor>();
        return builder;
    }
}
