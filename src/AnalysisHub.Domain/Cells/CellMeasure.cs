namespace AnalysisHub.Domain.Cells;

/// <summary>
/// What a cell sums for its category: the number of records (every feed), or, for a weighted feed, the records'
/// weights or their squares (in millionths, <see cref="Records.RecordWeight"/>). The measure rides in the top bits of
/// the cell's category, so weighted sums are ordinary cells: they roll up, checkpoint, heal and are audited exactly
/// as counts are, and a query for a category's counts never meets them.
/// </summary>
public enum CellMeasure
{
    Count = 0,
    Weight = 1,
    WeightSquared = 2,
}

public static class CellMeasures
{
    /// <summary>Categories of a feed are below this; the bits above it name the measure.</summary>
    public const int MaxCategories = 1 << Shift;

    private const int Shift = 14;

    /// <summary>The cell category that holds <paramref name="measure"/> of <paramref name="category"/>.</summary>
    public static int Category(int category, CellMeasure measure) => category | (int)measure << Shift;

    /// <summary>The cell categories holding <paramref name="measure"/> of each of <paramref name="categories"/>.</summary>
    public static int[] Categories(IReadOnlyList<int> categories, CellMeasure measure) =>
        categories.Select(c => Category(c, measure)).ToArray();

    public static CellMeasure MeasureOf(int cellCategory) => (CellMeasure)(cellCategory >> Shift);

    /// <summary>The feed's category a cell category measures.</summary>
    public static int BaseCategory(int cellCategory) => cellCategory & (MaxCategories - 1);
}
