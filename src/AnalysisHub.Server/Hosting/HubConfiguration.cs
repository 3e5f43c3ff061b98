using System.Reflection;
using AnalysisHub.Grains;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Alerts;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// The configuration sections the hub owns, and the check that every key in them is a setting the hub reads with a
/// value its option type accepts. A misspelt key would otherwise be ignored without a word and the default used.
/// </summary>
public static class HubConfiguration
{
    /// <summary>Each section the hub binds, and the option type it is bound to.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [HubOptions.Section] = typeof(HubOptions),
        [IngestOptions.Section] = typeof(IngestOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [IndicatorOptions.Section] = typeof(IndicatorOptions),
        // Bound by name in HubStorage, HubHostingExtensions and AlertHostingExtensions.
        ["Ledger"] = typeof(LedgerOptions),
        ["Rollup"] = typeof(RollupOptions),
        ["Alerts"] = typeof(AlertOptions),
        // Nested sections are checked as sections of their own, not as settings of the section holding them.
        [AuthOptions.Section] = typeof(AuthOptions),
        [JwtOptions.Section] = typeof(JwtOptions),
        [RateLimitOptions.Section] = typeof(RateLimitOptions),
    };

    /// <summary>The Hub settings bound, with every problem in the hub's sections refused in one message.</summary>
    public static HubOptions Bind(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        var hub = HubOptions.From(configuration);
        hub.Validate();
        return hub;
    }

    /// <summary>Every key in the hub's sections that names no setting or holds a value its setting cannot take.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (name, type) in Sections)
        {
            var section = configuration.GetSection(name);
            foreach (var entry in section.GetChildren())
                if (!Sections.ContainsKey(entry.Path) && KeyProblem(section, entry, type) is { } problem) problems.Add(problem);
        }
        return problems;
    }

    private static string? KeyProblem(IConfigurationSection section, IConfigurationSection entry, Type type)
    {
        var property = type.GetProperty(entry.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.SetMethod is not { IsPublic: true })
            return $"{entry.Path} is not a setting of the hub ({section.Key} has {string.Join(", ", Settable(type))})";
        // A map (claim value → scopes) takes any keys beneath it.
        if (property.PropertyType.IsAssignableTo(typeof(System.Collections.IDictionary))) return null;
        if (entry.GetChildren().FirstOrDefault() is { } nested)
            return $"{nested.Path} is not a setting of the hub ({entry.Path} takes one value)";
        try
        {
            // The binder itself converts the value, exactly as it will when the section is bound.
            var value = section.GetValue(property.PropertyType, property.Name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // The binder takes any number for an enum; only a defined name means something here.
            if (target.IsEnum && value is not null && !Enum.GetNames(target).Contains(entry.Value, StringComparer.OrdinalIgnoreCase))
                return $"{entry.Path}: '{entry.Value}' is not one of {string.Join(", ", Enum.GetNames(target))}";
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{entry.Path}: {e.Message}";
        }
    }

    private static IEnumerable<string> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name);
}
