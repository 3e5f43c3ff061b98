namespace AnalysisHub.Domain.Time;

/// <summary>An inclusive range of local days.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>
    /// Resolves the API's optional <c>from</c>/<c>to</c>: neither → the last 12 complete calendar months;
    /// only <c>from</c> → up to yesterday; only <c>to</c> → the year ending on <c>to</c>.
    /// </summary>
    public static DateRange Resolve(DateOnly? from, DateOnly? to, DateOnly today)
    {
        if (from is null && to is null)
        {
            var firstOfThisMonth = new DateOnly(today.Year, today.Month, 1);
            return new(firstOfThisMonth.AddMonths(-12), firstOfThisMonth.AddDays(-1));
        }
        if (to is null) return new(from!.Value, today.AddDays(-1));
        if (from is null) return new(to.Value.AddYears(-1).AddDays(1), to.Value);
        return new(from.Value, to.Value);
    }
}
