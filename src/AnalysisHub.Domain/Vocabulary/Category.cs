namespace AnalysisHub.Domain.Vocabulary;

/// <summary>A node of a feed's category tree. <see cref="Index"/> is its position in the feed's flat list.</summary>
public sealed class Category
{
    public required string Id { get; init; }
    public required int Index { get; init; }
    public string? Name { get; init; }
    public Category? Parent { get; init; }

    /// <summary>
    /// A name for a group of categories only (a survey's "agree" over "strongly agree" and "tend to agree"): queries
    /// may ask for it, records may not carry it, since an answer is always one of the group's members.
    /// </summary>
    public bool IsGroup { get; init; }

    /// <summary>This category and everything below it, as indexes: what a query for it counts.</summary>
    public IReadOnlyList<int> SelfAndDescendants { get; internal set; } = [];
}
