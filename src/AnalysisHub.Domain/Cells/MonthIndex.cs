namespace AnalysisHub.Domain.Cells;

/// <summary>Months as consecutive integers (year × 12 + month − 1), so ranges of months are ranges of ints.</summary>
public static class MonthIndex
{
    public static int Of(DateOnly day) => day.Year * 12 + day.Month - 1;

    public static DateOnly FirstDay(int index) => new(index / 12, index % 12 + 1, 1);

    public static DateOnly LastDay(int index) => FirstDay(index).AddMonths(1).AddDays(-1);
}
