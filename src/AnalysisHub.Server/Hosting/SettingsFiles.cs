using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Where the hub's <c>appsettings.json</c> is read from. The content root is the folder the hub is run from (it
/// holds <c>./data</c>), so ASP.NET Core alone would read settings only from there and a hub run from the
/// repository root, or any other folder, would silently lose its log levels and defaults. The files shipped
/// beside the binaries are therefore always read, below an operator's own files in the working folder, which
/// still win, as do environment variables and switches.
/// </summary>
public static class SettingsFiles
{
    public static void AddBesideBinaries(ConfigurationManager configuration, IHostEnvironment environment)
    {
        var binaries = Path.GetFullPath(AppContext.BaseDirectory);
        if (SameFolder(binaries, Path.GetFullPath(environment.ContentRootPath))) return;

        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        // The working folder's appsettings.json is the first JSON file the host adds; ours go just before it.
        var at = sources.ToList().FindIndex(source => source is JsonConfigurationSource);
        if (at < 0) at = 0;
        var provider = new PhysicalFileProvider(binaries);
        string[] files = ["appsettings.json", $"appsettings.{environment.EnvironmentName}.json"];
        foreach (var file in files.Reverse())
        {
            var source = new JsonConfigurationSource { FileProvider = provider, Path = file, Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            sources.Insert(at, source);
        }
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
