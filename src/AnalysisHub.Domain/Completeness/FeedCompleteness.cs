using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;

namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// A feed's months judged in each authority (<see cref="CompletenessRule"/>, declarations applied), over a span of
/// months; and the one answer series points, comparison rows and bulletin measures share: which members of a
/// footprint are not complete in a period.
/// </summary>
public sealed class FeedCompleteness
{
    private readonly Dictionary<Authority, MonthAssessment[]> _months;

    private FeedCompleteness(int firstMonth, int lastMonth, Dictionary<Authority, MonthAssessment[]> months)
    {
        FirstMonth = firstMonth;
        LastMonth = lastMonth;
        _months = months;
    }

    /// <summary>The first month judged (a <see cref="MonthIndex"/>).</summary>
    public int FirstMonth { get; }

    /// <summary>The last month judged; before <see cref="FirstMonth"/> when none is.</summary>
    public int LastMonth { get; }

    /// <summary>
    /// Judges months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> of each authority from its monthly
    /// counts, which start <see cref="CompletenessRule.HistoryMonths"/> months before <paramref name="firstMonth"/>
    /// (so the first month judged has its whole history) and run to <paramref name="lastMonth"/>.
    /// </summary>
    public static FeedCompleteness Judge(int firstMonth, int lastMonth, IReadOnlyDictionary<Authority, long[]> counts,
        Func<Authority, int, DeclaredDelivery?> declared)
    {
        var months = new Dictionary<Authority, MonthAssessment[]>();
        if (lastMonth >= firstMonth)
        {
            var historyStart = firstMonth - CompletenessRule.HistoryMonths;
            foreach (var (authority, series) in counts)
            {
                if (series.Length != lastMonth - historyStart + 1)
                    throw new ArgumentException($"{authority}: {series.Length} monthly counts, {lastMonth - historyStart + 1} expected", nameof(counts));
                months[authority] = CompletenessRule.AssessFrom(series, CompletenessRule.HistoryMonths, i => declared(authority, historyStart + i));
            }
        }
        return new FeedCompleteness(firstMonth, lastMonth, months);
    }

    /// <summary>An authority's month as judged, or null when the month or the authority lies outside what was judged.</summary>
    public MonthAssessment? Of(Authority authority, int month) =>
        month >= FirstMonth && month <= LastMonth && _months.TryGetValue(authority, out var series) ? series[month - FirstMonth] : null;

    /// <summary>
    /// The footprint's members incomplete in <paramref name="start"/>..<paramref name="end"/>: on current boundaries
    /// its members as they stand, over every day; as-was, each membership period's members over that period's days
    /// (and nothing outside the footprint's life), as an as-was figure counts them.
    /// </summary>
    public IReadOnlyList<Authority> IncompleteMembers(Footprint footprint, DateOnly start, DateOnly end, Boundaries boundaries)
    {
        if (boundaries == Boundaries.Current) return IncompleteMembers(footprint.Members, start, end);
        List<Authority>? incomplete = null;
        foreach (var (from, to, members) in footprint.MembershipBetween(start, end))
            foreach (var member in IncompleteMembers(members, from, to))
                if (!(incomplete ??= []).Contains(member)) incomplete.Add(member);
        return (IReadOnlyList<Authority>?)incomplete ?? [];
    }

    /// <summary>
    /// The members (in their order) with a month overlapping <paramref name="start"/>..<paramref name="end"/> that is
    /// missing, partial or withdrawn (<see cref="DeliveryStatusNames.IsIncomplete"/>). Months outside what was judged
    /// (later than the current month, say) count as complete: there is nothing yet to say of them.
    /// </summary>
    public IReadOnlyList<Authority> IncompleteMembers(IEnumerable<Authority> members, DateOnly start, DateOnly end)
    {
        if (end < start) return [];
        var first = Math.Max(MonthIndex.Of(start), FirstMonth);
        var last = Math.Min(MonthIndex.Of(end), LastMonth);
        List<Authority>? incomplete = null;
        foreach (var member in members)
        {
            if (!_months.TryGetValue(member, out var series)) continue;
            for (var m = first; m <= last; m++)
                if (series[m - FirstMonth].Status.IsIncomplete())
                {
                    (incomplete ??= []).Add(member);
                    break;
                }
        }
        return (IReadOnlyList<Authority>?)incomplete ?? [];
    }
}
