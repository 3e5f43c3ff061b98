using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Server.Footprints;

/// <summary>A footprint as the API shows it.</summary>
public sealed record FootprintBody(
    string Id, string Kind, string Name, string? NameCy, string? Code, long Population, string PopulationSource,
    IReadOnlyList<string> Members, IReadOnlyList<string> Parents, IReadOnlyList<string> Children, IReadOnlyList<string> SameAs)
{
    public static FootprintBody From(Footprint f, string populationSource) => new(
        f.Id, f.Kind, f.Name, f.NameCy, f.Code, f.Population, populationSource, f.Members.Select(m => m.Id).ToList(), f.Parents, f.Children, f.SameAs);
}
