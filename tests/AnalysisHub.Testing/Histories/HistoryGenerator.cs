using CsCheck;

namespace AnalysisHub.Testing.Histories;

/// <summary>
/// Generates feed histories over a few ids, so that rows collide: versions 0–4 or none, content changes of
/// category, area, time and flags, cancellations (by id alone or with content), exact re-sends, rows of one id
/// repeated inside a batch, and batches split at random.
/// </summary>
public static class HistoryGenerator
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];
    private static readonly string[] Areas = [.. ModelContent.AuthorityOfArea.Keys];
    private static readonly string[] Categories = ["robbery", "burglary", "violence-with-injury"];

    /// <summary>
    /// Times chosen to sit on the edges that decide a local day: local midnight, month ends and both clock
    /// changes of 2025, some of them one instant written two ways (with an offset and as London wall-clock time).
    /// </summary>
    private static readonly string[] Times =
    [
        "2025-03-29T23:30:00Z", "2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z", "2025-03-30T03:30:00",
        "2025-03-31T22:30:00Z", "2025-03-31T23:30:00Z", "2025-04-01T00:30:00+01:00",
        "2025-06-30T22:59:59Z", "2025-06-30T23:30:00Z", "2025-07-01T00:30:00+01:00", "2025-06-30T23:30:00",
        "2025-10-25T23:30:00Z", "2025-10-26T00:30:00Z", "2025-10-26T01:30:00", "2025-10-26T01:30:00Z",
        "2025-12-31T23:59:59Z", "2026-01-01T00:00:00+00:00",
    ];
    private static readonly string[][] FlagSets = [[], ["alcohol"], ["domestic"], ["alcohol", "domestic"], ["domestic", "alcohol"]];

    private static readonly Gen<HistoryRow> FreshRow = Gen.Select(
        Gen.OneOf(Ids),
        Gen.Int[0, 4].Select(v => v == 0 ? (long?)null : v), // version 0 is written by leaving it out
        Gen.Frequency((5, 0), (1, 1), (1, 2)), // 0 active, 1 cancel by id, 2 cancel with content
        Gen.OneOf(Areas), Gen.OneOf(Categories), Gen.OneOf(Times), Gen.OneOf(FlagSets),
        (id, version, kind, area, category, time, flags) =>
            new HistoryRow(id, version, kind > 0, kind == 1, area, category, time, flags));

    /// <summary>The survey's answers (never its groups, which no response can carry).</summary>
    private static readonly string[] Answers = ["strongly-agree", "tend-to-agree", "neither-agree-nor-disagree", "dont-know"];

    /// <summary>
    /// Weights as sources write them: none, and 1 and 1.0, are one weight; a correction of the weight alone is new
    /// content; 2.000001 has a square that is not a whole number of millionths.
    /// </summary>
    private static readonly string?[] Weights = [null, "1", "1.0", "0.5", "1.25", "2.000001", "3"];

    private static readonly Gen<HistoryRow> FreshResponse = Gen.Select(
        Gen.OneOf(Ids),
        Gen.Int[0, 4].Select(v => v == 0 ? (long?)null : v),
        Gen.Frequency((5, 0), (1, 1), (1, 2)),
        Gen.OneOf(Areas), Gen.OneOf(Answers), Gen.OneOf(Times), Gen.OneOf(Weights),
        (id, version, kind, area, answer, time, weight) =>
            new HistoryRow(id, version, kind > 0, kind == 1, area, answer, time, [], weight));

    /// <summary>A step is a new row, or (with <c>RepeatOf</c> ≥ 0) an exact re-send of an earlier one.</summary>
    private static Gen<(HistoryRow Row, int RepeatOf)> Steps(Gen<HistoryRow> fresh) =>
        Gen.Select(fresh, Gen.Frequency((3, (IGen<int>)Gen.Const(-1)), (1, Gen.Int[0, 40])));

    public static readonly Gen<History> Histories = HistoriesOf(FreshRow, History.CrimeFeed);

    /// <summary>Histories of weighted survey responses: answers, and weights corrected alone.</summary>
    public static readonly Gen<History> SurveyHistories = HistoriesOf(FreshResponse, History.SurveyFeed);

    private static Gen<History> HistoriesOf(Gen<HistoryRow> fresh, string feed) => Gen.Select(Steps(fresh).Array[1, 30], Gen.Int[1, 8].Array[30], (steps, sizes) =>
    {
        var rows = new List<HistoryRow>(steps.Length);
        foreach (var (row, repeatOf) in steps)
            rows.Add(repeatOf >= 0 && rows.Count > 0 ? rows[repeatOf % rows.Count] : row);
        var batches = new List<IReadOnlyList<HistoryRow>>();
        for (int start = 0, b = 0; start < rows.Count; b++)
        {
            var size = Math.Min(sizes[b % sizes.Length], rows.Count - start);
            batches.Add(rows.GetRange(start, size));
            start += size;
        }
        return new History(batches) { Feed = feed };
    });

    /// <summary>Histories whose final state cannot depend on the order of their rows.</summary>
    public static readonly Gen<History> OrderFreeHistories = Histories.Where(h => h.VersionsDecideEveryOrder());

    /// <summary>How many cases a property runs: a few in the suite, as many as asked with HUB_PROPERTY_ITERATIONS.</summary>
    public static long Iterations(long inSuite) =>
        long.TryParse(Environment.GetEnvironmentVariable("HUB_PROPERTY_ITERATIONS"), out var n) && n > 0 ? n : inSuite;
}
