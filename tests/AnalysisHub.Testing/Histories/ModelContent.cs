using System.Globalization;

namespace AnalysisHub.Testing.Histories;

/// <summary>
/// A record's content as the record contract normalises it, written from the contract's text alone (it shares
/// no code with the hub): the instant, the resolved authority, the category, the sorted flags, the weight (a number:
/// 1, 1.0 and none are one weight) and the status. Every cancellation is one content, "withdrawn", whatever else it
/// carries.
/// </summary>
public sealed record ModelContent(bool Cancelled, DateTimeOffset Instant, string Authority, string Category, string Flags, decimal Weight)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The authorities of the areas histories use: two council codes and a 2011 LSOA in Cardiff.</summary>
    public static readonly IReadOnlyDictionary<string, string> AuthorityOfArea = new Dictionary<string, string>
    {
        ["W06000015"] = "W06000015", // Cardiff
        ["W01001780"] = "W06000015", // Cardiff 026B
        ["W06000011"] = "W06000011", // Swansea
    };

    public static readonly ModelContent Withdrawn = new(true, default, "", "", "", 0);

    public static ModelContent Of(HistoryRow row) => row.Cancelled
        ? Withdrawn
        : new ModelContent(false, InstantOf(row.OccurredAt), AuthorityOfArea[row.Area], row.Category,
            string.Join(';', row.Flags.Distinct().Order(StringComparer.Ordinal)),
            row.Weight is { } w ? decimal.Parse(w, NumberStyles.Float, CultureInfo.InvariantCulture) : 1m);

    /// <summary>The local calendar day in Europe/London on which the record counts.</summary>
    public DateOnly LocalDay => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Instant, London).DateTime);

    /// <summary>
    /// An ISO time with an offset is that instant; one without is a London wall-clock time, read as its first
    /// occurrence when the clocks go back (the larger offset, summer time).
    /// </summary>
    public static DateTimeOffset InstantOf(string occurredAt)
    {
        // Histories write whole seconds: anything after "yyyy-MM-ddTHH:mm:ss" is an offset or Z.
        if (occurredAt.Length > 19) return DateTimeOffset.Parse(occurredAt, CultureInfo.InvariantCulture);
        var local = DateTime.ParseExact(occurredAt, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var offset = London.IsAmbiguousTime(local) ? London.GetAmbiguousTimeOffsets(local).Max() : London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
