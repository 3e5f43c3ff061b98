using System.Globalization;
using System.Net;
using System.Text;
using AnalysisHub.Server.Shared;

namespace AnalysisHub.Server.Bulletin;

/// <summary>The bulletin as a printable HTML page, styled by the hub's <c>/css/bulletin.css</c>; every value is HTML-encoded.
/// Withheld figures read <c>&lt;5</c> (a count), <c>withheld</c> or <c>—</c>.</summary>
internal static class BulletinHtml
{
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static string Write(DisclosedBulletin body)
    {
        var html = new StringBuilder();
        var monthly = body.Granularity == "month";
        var (period, previous, lastYear) = monthly
            ? ("month", "Previous 3 months (mean)", "Same month last year")
            : ("week", "Previous 4 weeks (mean)", "Same week last year");
        var title = $"{(monthly ? "Monthly" : "Weekly")} violence bulletin: {body.Name}, {body.Period}";
        PrintablePage.Open(html, title,
            $"{body.Footprint} ({body.Kind}) · {body.Period}: {D(body.Start)} to {D(body.End)} · population {N(body.Population)} · compared with {body.Benchmark} · {body.Audience}",
            body.DisclosureControl);

        html.Append("<section>\n<h2>Summary</h2>\n<table>\n<thead><tr>");
        foreach (var h in new[] { "Measure", $"This {period}", previous, lastYear, "Rate per 100,000", "95% CI",
                     "Wales rate", "vs Wales", "EARS C2 expected", "EARS C2 threshold", "EARS C2 alarm", "Farrington expected",
                     "Farrington threshold", "Farrington alarm", "Month-precision records excluded" })
            html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var m in body.Measures)
        {
            html.Append("<tr>");
            Cell(html, $"{m.Feed} / {m.Category}");
            Cell(html, Figure(m.Count));
            Cell(html, Figure(m.PreviousPeriodsMean));
            Cell(html, $"{Figure(m.SamePeriodLastYear)} ({m.SamePeriodLastYearPeriod})");
            Cell(html, F(m.RatePer100k));
            Cell(html, m.Ci95 is { } ci ? $"{F(ci[0])} – {F(ci[1])}" : "—");
            Cell(html, F(m.BenchmarkRatePer100k));
            Cell(html, m.Comparison ?? "—", m.Comparison);
            Cell(html, F(m.EarsC2.Expected));
            Cell(html, F(m.EarsC2.Threshold));
            Cell(html, Alarm(m.EarsC2));
            Cell(html, F(m.Farrington.Expected));
            Cell(html, F(m.Farrington.Threshold));
            Cell(html, Alarm(m.Farrington));
            Cell(html, Figure(m.ExcludedMonthPrecision));
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
        Confidence(html, body.Confidence);

        foreach (var m in body.Measures)
        {
            html.Append("<section>\n<h2>").Append(E($"{m.Feed} / {m.Category}")).Append("</h2>\n");
            html.Append("<table>\n<caption>").Append(E($"Member authorities with most events this {period}")).Append("</caption>\n<thead><tr>");
            foreach (var h in new[] { "Rank", "Authority", "Count", "Population", "Rate per 100,000" })
                html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            if (m.TopMembersWithheld)
                html.Append("<tr><td colspan=\"5\">").Append(E("Withheld: listing members beside the total would reveal a count under 5.")).Append("</td></tr>\n");
            foreach (var member in m.TopMembers)
            {
                html.Append("<tr>");
                Cell(html, N(member.Rank));
                Cell(html, member.Name);
                Cell(html, N(member.Count));
                Cell(html, N(member.Population));
                Cell(html, F(member.RatePer100k));
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");

            html.Append("<table class=\"profile\">\n<caption>")
                .Append(E($"When: day of week × hour (Europe/London), {D(m.Profile.From)} to {D(m.Profile.To)}, {(m.Profile.Total is { } total ? N(total) : "a withheld number of")} records with a time of day"))
                .Append("</caption>\n<thead><tr><th scope=\"col\">Day</th>");
            for (var h = 0; h < 24; h++) html.Append("<th scope=\"col\">").Append(E(h.ToString("D2", CultureInfo.InvariantCulture))).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            for (var d = 0; d < m.Profile.Days.Count; d++)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(d < DayNames.Length ? DayNames[d] : m.Profile.Days[d].Day)).Append("</th>");
                foreach (var c in m.Profile.Days[d].Hours) Cell(html, Figure(c));
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n</section>\n");
        }

        html.Append("<footer>\n<h2>Notes</h2>\n<ol>\n");
        foreach (var note in body.Footnotes) html.Append("<li>").Append(E(note)).Append("</li>\n");
        html.Append("</ol>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The survey indicators: one row each, over the 12 months ending with the bulletin's period.</summary>
    private static void Confidence(StringBuilder html, IReadOnlyList<BulletinConfidence> confidence)
    {
        if (confidence.Count == 0) return;
        html.Append("<section>\n<h2>Survey indicators (12 months)</h2>\n<table>\n<thead><tr>");
        foreach (var h in new[] { "Indicator", "Period", "Percent", "95% CI", "Responses", "Wales", "vs Wales", "Previous period", "Change", "Trajectory", "Target", "Status" })
            html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var c in confidence)
        {
            html.Append("<tr>");
            Cell(html, c.Name ?? c.Indicator);
            Cell(html, $"{D(c.From)} to {D(c.To)}");
            Cell(html, c.Withheld ? "withheld" : F(c.Percent));
            Cell(html, c.Ci95 is { } ci ? $"{F(ci[0])} – {F(ci[1])}" : "—");
            Cell(html, N(c.UnweightedBase));
            Cell(html, F(c.BenchmarkPercent));
            Cell(html, c.Comparison ?? "—", c.Comparison);
            Cell(html, $"{F(c.Change.PreviousPercent)} ({D(c.Change.PreviousFrom)} to {D(c.Change.PreviousTo)})");
            Cell(html, c.Change.Direction ?? "—");
            Cell(html, F(c.Target?.Trajectory));
            Cell(html, F(c.Target?.Target));
            Cell(html, c.Target?.Status ?? "—");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Cell(StringBuilder html, string text, string? cssClass = null)
    {
        html.Append(cssClass is null ? "<td>" : $"<td class=\"{E(cssClass)}\">").Append(E(text)).Append("</td>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static string D(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A published figure: a count, a mean, or the text that stands for a withheld one.</summary>
    private static string Figure(object value) => value switch
    {
        long count => N(count),
        double mean => F(mean),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Alarm(DisclosedExceedance e) =>
        e.Withheld ? "withheld" : e.Alarm switch { true => "ALARM", false => "no", null => "not tested" };
}
