using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Admin;
using AnalysisHub.Server.Alerts;
using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Completeness;
using AnalysisHub.Server.ConfidenceSummary;
using AnalysisHub.Server.Compare;
using AnalysisHub.Server.Exceedance;
using AnalysisHub.Server.Footprints;
using AnalysisHub.Server.Hardening;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Indicators;
using AnalysisHub.Server.Ingest;
using AnalysisHub.Server.Live;
using AnalysisHub.Server.Profile;
using AnalysisHub.Server.Public;
using AnalysisHub.Server.Series;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (args.FirstOrDefault() == VerifyCommand.Name) return await VerifyCommand.RunAsync(args[1..], Console.Out, Console.Error);

var migrate = args.FirstOrDefault() == MigrateCommand.Name;
if (migrate) args = args[1..];

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The dashboard is copied beside the binaries; the working folder is the user's (it holds ./data).
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
SettingsFiles.AddBesideBinaries(builder.Configuration, builder.Environment);
builder.Configuration.AddCommandLine(args, HubOptions.CommandLine);
if (migrate) return MigrateCommand.Run(builder.Configuration, Console.Out, Console.Error);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");

try
{
    builder.AddHub();
    builder.AddAccessControl();
}
catch (Exception e) when (e is GeographyException or InvalidOperationException or FileNotFoundException)
{
    // A bad reference file is an operator's mistake, not a crash: say what is wrong and stop.
    Console.Error.WriteLine($"AnalysisHub cannot start: {e.Message}");
    return 1;
}
builder.AddHubTelemetry();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddSignalR();
builder.Services.AddSingleton<LiveUpdates>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());
builder.AddAlerts();
builder.Services.AddSingleton<RecountAudit>();
builder.Services.AddSingleton<CompletenessReader>();
builder.Services.Configure<IndicatorOptions>(builder.Configuration.GetSection(IndicatorOptions.Section));

var app = builder.Build();
// The live gauges observe the feed from the moment the node runs, exported or not.
app.Services.GetRequiredService<LiveMetrics>();
app.UseExceptionHandler();
app.UseHostGate();
app.UseSecurityHeaders();
// Routing first: the static files then skip every request a route matched (no file-system probe per API call), and
// the access pipeline below knows each request's endpoint and its audience.
app.UseRouting();
// The dashboard: built assets under wwwroot, served by the hub itself (no CDN; works offline), to anyone: its
// public mode reads only the public routes.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseStatusCodePages();
app.UseAccessControl();

// Who may use each route is decided here, by group; a route mapped outside these groups needs read:partner.
var anyone = app.MapGroup("").AllowAnonymous();
anyone.MapOpenApi();
anyone.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
anyone.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
anyone.MapFootprintApi();
anyone.MapPublicApi();
anyone.MapIndicatorListing();
anyone.MapPublicIndicatorApi();
anyone.MapPublicConfidenceSummaryApi();

var partners = app.MapGroup("").RequireAuthorization(AccessPolicies.ReadPartner);
partners.MapSeriesApi();
partners.MapComparisonApi();
partners.MapExceedanceApi();
partners.MapProfileApi();
partners.MapBulletinApi();
partners.MapAlertApi();
partners.MapLiveApi();
partners.MapIndicatorApi();
partners.MapIndicatorTargetApi();
partners.MapConfidenceSummaryApi();
partners.MapCompletenessApi();

var suppliers = app.MapGroup("").RequireAuthorization(AccessPolicies.Ingest);
suppliers.MapIngestApi();
suppliers.MapDeliveryApi();

app.MapGroup("").RequireAuthorization(AccessPolicies.ManageIndicators).MapIndicatorWriteApi();
app.MapGroup("").RequireAuthorization(AccessPolicies.DefineFootprints).MapFootprintDefinitionApi();

var admins = app.MapGroup("").RequireAuthorization(AccessPolicies.Admin);
admins.MapAdminApi();
admins.MapRouteListing();
admins.MapKeysApi();
admins.MapAuditApi();
admins.MapProvenanceApi();

await app.PrepareKeysAsync();
app.Run();
return 0;
