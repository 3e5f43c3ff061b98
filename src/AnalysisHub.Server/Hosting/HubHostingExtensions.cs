using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Grains;
using AnalysisHub.Server.Footprints;
using AnalysisHub.Server.Ingest;
using AnalysisHub.Storage;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Hosting;

/// <summary>Wires the hub into a web application: reference data, storage, silo or cluster client, health.</summary>
public static class HubHostingExtensions
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        // Checked now, because the silo is configured from these settings before the host exists; the same checks
        // run again when the host starts, on the options the services receive.
        var hub = HubConfiguration.Bind(builder.Configuration);
        builder.Services.AddOptions<HubOptions>().Bind(builder.Configuration.GetSection(HubOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.Section));
        builder.Services.Configure<RollupOptions>(builder.Configuration.GetSection("Rollup"));

        // Reference data is validated before anything starts: a bad file stops the server with its problems.
        var geography = ReferenceLoader.LoadGeography(hub);
        var catalog = ReferenceLoader.LoadVocabulary(hub);
        builder.Services.AddSingleton(geography);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(new StoredVocabulary(geography, catalog));
        var grainState = builder.Services.AddHubStorage(hub, builder.Configuration);
        builder.Services.AddSingleton<IChangeSink, GrainChangeSink>();
        // Before the silo: a node reads the footprints defined so far before it answers for any of them.
        builder.Services.AddSingleton<DefinedFootprintSync>();
        builder.Services.AddSingleton<IDefinedFootprints>(sp => sp.GetRequiredService<DefinedFootprintSync>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DefinedFootprintSync>());
        builder.Services.AddSingleton<GroupCommitPipeline>();

        if (hub.Role == HubRole.Gateway)
            builder.UseOrleansClient(client => OrleansSetup.ConfigureClient(client, hub));
        else
        {
            builder.Services.AddSingleton<RollupMetrics>();
            builder.UseOrleans(silo => OrleansSetup.ConfigureSilo(silo, hub, grainState));
        }
        builder.Services.AddHostedService<RollupKeepAlive>();
        builder.Services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("ledger-and-grains", tags: ["ready"]);
        return builder;
    }
}
