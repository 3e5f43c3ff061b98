namespace AnalysisHub.Domain.Vocabulary;

/// <summary>A source of records (police crime, incidents, calls, ED and ambulance assaults) and its category tree.</summary>
public sealed class Feed
{
    private readonly Dictionary<string, Category> _bySlug;

    internal Feed(string id, int index, string? name, IReadOnlyList<Category> categories)
    {
        Id = id;
        Index = index;
        Name = name;
        Categories = categories;
        _bySlug = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public string Id { get; }
    public int Index { get; }
    public string? Name { get; }

    /// <summary>Every category of the tree, parents before children.</summary>
    public IReadOnlyList<Category> Categories { get; }

    public Category? FindCategory(string slug) => _bySlug.GetValueOrDefault(slug);
}
