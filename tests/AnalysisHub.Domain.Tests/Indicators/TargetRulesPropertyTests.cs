using System.Globalization;
using System.Text;
using AnalysisHub.Domain.Indicators;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

/// <summary>
/// Generated targets against a model written from the contract (issue 15): a target is accepted iff every percent is
/// finite and 0–100, the baseline's from is on or before its to, there is a milestone, and milestone dates rise
/// strictly after the baseline ends; the problems name exactly the fields that break a rule.
/// </summary>
public class TargetRulesPropertyTests
{
    private static readonly DateOnly Origin = new(2008, 9, 30);

    // Percents mostly in range, with the edges and values just outside them.
    private static readonly Gen<double> Percents = Gen.OneOf(Gen.Double[0, 100], Gen.Const(0.0), Gen.Const(100.0),
        Gen.Double[-50, -0.001], Gen.Double[100.001, 500]);

    // Days close together, so equal and reversed dates are common.
    private static readonly Gen<DateOnly> Days = Gen.Int[-4, 4].Select(d => Origin.AddDays(d));

    private static readonly Gen<(TargetBaseline, TargetMilestone[])> Targets =
        Gen.Select(Days, Days, Percents, Gen.Select(Days, Percents, (d, p) => new TargetMilestone(d, p)).Array[0, 5],
            (from, to, percent, milestones) => (new TargetBaseline(from, to, percent), milestones));

    /// <summary>The model: the fields that break a rule, from the contract alone.</summary>
    private static SortedSet<string> Faults(TargetBaseline baseline, TargetMilestone[] milestones)
    {
        static bool Bad(double p) => !(p >= 0 && p <= 100);
        var faults = new SortedSet<string>(StringComparer.Ordinal);
        if (Bad(baseline.Percent)) faults.Add("baseline.percent");
        if (baseline.From > baseline.To) faults.Add("baseline.to");
        if (milestones.Length == 0) faults.Add("milestones");
        var previous = baseline.To;
        for (var i = 0; i < milestones.Length; i++)
        {
            if (Bad(milestones[i].Percent)) faults.Add($"milestones[{i}].percent");
            if (milestones[i].Date <= previous) faults.Add($"milestones[{i}].date");
            previous = milestones[i].Date;
        }
        return faults;
    }

    [Fact]
    public void A_target_is_refused_for_exactly_the_fields_the_model_finds_wrong()
    {
        Targets.Sample((baseline, milestones) =>
            Faults(baseline, milestones).SetEquals(TargetRules.Problems(baseline, milestones).Select(p => p.Field)));
    }

    [Fact]
    public void A_target_read_from_json_is_accepted_iff_the_model_accepts_it_and_is_read_back_as_written()
    {
        Targets.Sample((baseline, milestones) =>
        {
            var problems = new List<(string Field, string Message)>();
            var read = TargetRules.Read(Encoding.UTF8.GetBytes(Json(baseline, milestones)), "indicator", "force:gwent", problems);
            var faults = Faults(baseline, milestones);
            return faults.SetEquals(problems.Select(p => p.Field))
                   && (faults.Count == 0
                       ? read == new IndicatorTarget("indicator", "force:gwent", baseline, milestones)
                       : read is null);
        });
    }

    [Theory]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31","percent":52}],"note":"x"}""", "note")]
    [InlineData("""{"baseline":{"from":"2007-10-1","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31","percent":52}]}""", "baseline.from")]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":"39"},"milestones":[{"date":"2011-03-31","percent":52}]}""", "baseline.percent")]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31","percent":1e999}]}""", "milestones[0].percent")]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39,"percent":40},"milestones":[{"date":"2011-03-31","percent":52}]}""", "baseline.percent")]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31"}]}""", "milestones[0].percent")]
    [InlineData("""{"milestones":[{"date":"2011-03-31","percent":52}]}""", "baseline")]
    [InlineData("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":{}}""", "milestones")]
    [InlineData("""[]""", "(body)")]
    [InlineData("""{"baseline":""", "(body)")]
    public void A_malformed_target_names_the_field(string json, string field)
    {
        var problems = new List<(string Field, string Message)>();
        Assert.Null(TargetRules.Read(Encoding.UTF8.GetBytes(json), "indicator", "force:gwent", problems));
        Assert.Equal([field], problems.Select(p => p.Field));
    }

    private static string Json(TargetBaseline baseline, TargetMilestone[] milestones)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string Number(double p) => p.ToString("R", CultureInfo.InvariantCulture);
        var items = milestones.Select(m => $$"""{"date":"{{Day(m.Date)}}","percent":{{Number(m.Percent)}}}""");
        return $$"""{"baseline":{"from":"{{Day(baseline.From)}}","to":"{{Day(baseline.To)}}","percent":{{Number(baseline.Percent)}}},"milestones":[{{string.Join(",", items)}}]}""";
    }
}
