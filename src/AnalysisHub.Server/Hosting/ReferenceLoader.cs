using AnalysisHub.Domain;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Hosting;

/// <summary>Loads the geography and vocabulary the hub runs with: the shipped files unless configured otherwise.</summary>
internal static class ReferenceLoader
{
    public static GeographyRegistry LoadGeography(HubOptions options)
    {
        using var footprints = OpenOrShipped(options.GeographyFile, "wales-footprints.json");
        using var lsoa = OpenOrShipped(options.LsoaLookupFile, "wales-lsoa11-to-la.csv");
        using var population = OpenOrShipped(options.PopulationFile, "wales-la-population.csv");
        return GeographyLoader.Load(footprints, lsoa, population, options.PopulationSource);
    }

    public static FeedCatalog LoadVocabulary(HubOptions options)
    {
        using var stream = OpenOrShipped(options.VocabularyFile, "vocabulary.json");
        try
        {
            return FeedCatalog.Load(stream);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Invalid vocabulary file '{options.VocabularyFile ?? "(shipped)"}': {e.Message}", e);
        }
    }

    private static Stream OpenOrShipped(string? path, string shipped)
    {
        if (path is null) return ReferenceData.Open(shipped);
        if (!File.Exists(path)) throw new FileNotFoundException($"configured reference file '{path}' does not exist", path);
        return File.OpenRead(path);
    }
}
