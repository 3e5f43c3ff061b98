namespace AnalysisHub.Domain.Vocabulary;

/// <summary>
/// A source of records (police crime, incidents, calls, ED and ambulance assaults, confidence survey responses) and
/// its category tree.
/// </summary>
public sealed class Feed
{
    private readonly Dictionary<string, Category> _bySlug;

    internal Feed(string id, int index, string? name, IReadOnlyList<Category> categories, bool weighted)
    {
        Id = id;
        Index = index;
        Name = name;
        Categories = categories;
        Weighted = weighted;
        _bySlug = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public string Id { get; }
    public int Index { get; }
    public string? Name { get; }

    /// <summary>Whether its records carry a weight (survey responses): cells then also sum weights and their squares.</summary>
    public bool Weighted { get; }

    /// <summary>Every category of the tree, parents before children.</summary>
    public IReadOnlyList<Category> Categories { get; }

    public Category? FindCategory(string slug) => _bySlug.GetValueOrDefault(slug);
}
