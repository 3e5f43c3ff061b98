using System.Globalization;
using System.Net;
using System.Text;
using AnalysisHub.Server.Shared;
using AnalysisHub.Server.Indicators;

namespace AnalysisHub.Server.ConfidenceSummary;

/// <summary>The confidence summary as a printable HTML page, styled like the bulletin by <c>/css/bulletin.css</c> (the
/// Content-Security-Policy refuses inline styles); every value is HTML-encoded, and a withheld figure reads <c>withheld</c>.</summary>
internal static class ConfidenceSummaryHtml
{
    public static string Write(ConfidenceSummaryBody body)
    {
        var html = new StringBuilder();
        var title = $"Monthly confidence summary: {body.Name}, {body.Month}";
        PrintablePage.Open(html, title,
            $"{body.Footprint} ({body.Kind}) · 12 months {D(body.From)} to {D(body.To)} · compared with {body.Benchmark} · {body.Audience}",
            body.DisclosureControl);

        foreach (var indicator in body.Indicators)
        {
            html.Append("<section>\n<h2>").Append(E(indicator.Name ?? indicator.Indicator)).Append("</h2>\n");
            if (indicator.Question is { } question) html.Append("<p>").Append(E(question)).Append("</p>\n");
            html.Append("<table>\n<thead><tr>");
            foreach (var h in new[] { "Area", "Percent", "95% CI", "Responses", "vs Wales", "Previous period", "Change" })
                html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var f in indicator.Members.Prepend(indicator.Figure).Append(indicator.Wales).DistinctBy(f => f.Footprint))
            {
                html.Append("<tr>");
                Cell(html, f.Role == DisclosedIndicatorFigure.MemberRole ? $"{f.Name} (member)" : f.Name);
                Cell(html, f.Withheld ? "withheld" : F(f.Percent));
                Cell(html, f.Ci95 is { } ci ? $"{F(ci[0])} – {F(ci[1])}" : "—");
                Cell(html, f.UnweightedBase.ToString("N0", CultureInfo.InvariantCulture));
                Cell(html, f.Comparison ?? "—", f.Comparison);
                Cell(html, $"{(f.Change.PreviousWithheld ? "withheld" : F(f.Change.PreviousPercent))} ({D(f.Change.PreviousFrom)} to {D(f.Change.PreviousTo)})");
                Cell(html, f.Change.Direction ?? "—");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
            if (indicator.Target is { } t)
                html.Append("<p>").Append(E($"Target: {F(t.Target)}%; trajectory on {D(body.To)}: {F(t.Trajectory)}%; status: {t.Status ?? "not known"}{(t.StatusBasis is { } b ? $" (on the {b} figure)" : "")}.")).Append("</p>\n");
            if (indicator.Published.Count > 0)
            {
                html.Append("<table>\n<caption>Published elsewhere</caption>\n<thead><tr>");
                foreach (var h in new[] { "Period", "Percent", "Respondents", "Source" })
                    html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var p in indicator.Published)
                {
                    html.Append("<tr>");
                    Cell(html, $"{D(p.From)} to {D(p.To)}");
                    Cell(html, F(p.Percent));
                    Cell(html, p.UnweightedBase.ToString("N0", CultureInfo.InvariantCulture));
                    Cell(html, p.Note is { } note ? $"{p.Source} ({note})" : p.Source);
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }
            html.Append("</section>\n");
        }

        html.Append("<footer>\n<h2>Notes</h2>\n<ol>\n");
        foreach (var note in body.Footnotes) html.Append("<li>").Append(E(note)).Append("</li>\n");
        html.Append("</ol>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Cell(StringBuilder html, string text, string? cssClass = null) =>
        html.Append(cssClass is null ? "<td>" : $"<td class=\"{E(cssClass)}\">").Append(E(text)).Append("</td>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static string D(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
