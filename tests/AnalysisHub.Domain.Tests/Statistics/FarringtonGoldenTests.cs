using System.Globalization;
using System.Reflection;
using AnalysisHub.Domain.Statistics;
using Xunit.Abstractions;

namespace AnalysisHub.Domain.Tests.Statistics;

// Farrington-flexible against R surveillance 1.20.3 (farringtonFlexible, Noufaily settings) on the series that
// Statistics/Farrington/generate-golden.R writes: every week's expected value to 6 significant figures, the
// threshold, the alarm and whether the trend was kept exactly, and no figures (null) wherever the reference
// has NA.
public class FarringtonGoldenTests(ITestOutputHelper output)
{
    private const string Prefix = "FarringtonGolden.";
    private const double RelativeTolerance = 1e-6;

    private static IEnumerable<string> Files() =>
        typeof(FarringtonGoldenTests).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..])
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Series() => new(Files());

    [Fact]
    public void Every_golden_series_is_embedded()
    {
        Assert.Equal(
            ["golden-iso53.csv", "golden-outbreaks.csv", "golden-seasonal.csv", "golden-short.csv", "golden-steep.csv",
                "golden-trend.csv", "golden-zeros.csv"],
            Files());
    }

    [Theory]
    [MemberData(nameof(Series))]
    public void Matches_r_surveillance(string file)
    {
        var rows = Read(file);
        var counts = rows.Select(r => r.Count).ToArray();
        var results = Farrington.Run(counts);

        var maxRelative = 0.0;
        var withFigures = 0;
        var mismatches = new List<string>();
        for (var t = 0; t < rows.Count; t++)
        {
            var golden = rows[t];
            var hub = results[t];
            var label = $"{file} index {t} ({golden.IsoYear}-W{golden.IsoWeek:00})";
            if (hub?.TrendKept != golden.Trend)
                mismatches.Add($"{label}: trend kept {hub?.TrendKept}, reference {golden.Trend}");
            if (golden.Expected is not { } expected)
            {
                if (hub?.Expected is not null || hub?.Threshold is not null)
                    mismatches.Add($"{label}: reference has no figures, hub has expected {hub.Expected}, threshold {hub.Threshold}");
                if ((hub?.Alarm ?? false) != (golden.Alarm ?? false))
                    mismatches.Add($"{label}: alarm {hub?.Alarm}, reference {golden.Alarm}");
                if ((hub is null) != (golden.Alarm is null))
                    mismatches.Add($"{label}: tested {hub is not null}, reference tested {golden.Alarm is not null}");
                continue;
            }

            withFigures++;
            if (hub?.Expected is not { } actual)
            {
                mismatches.Add($"{label}: hub has no figures, reference expected {expected:R}");
                continue;
            }
            var relative = Math.Abs(actual - expected) / Math.Abs(expected);
            maxRelative = Math.Max(maxRelative, relative);
            if (!(relative <= RelativeTolerance))
                mismatches.Add($"{label}: expected {actual:R}, reference {expected:R} (trend kept {hub.TrendKept})");
            if (hub.Threshold != golden.Threshold)
                mismatches.Add($"{label}: threshold {hub.Threshold}, reference {golden.Threshold}");
            if (hub.Alarm != golden.Alarm)
                mismatches.Add($"{label}: alarm {hub.Alarm}, reference {golden.Alarm}");
        }

        output.WriteLine($"{file}: {rows.Count} weeks, {withFigures} with figures, max relative difference {maxRelative:E2}");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(20)) + $"\n({mismatches.Count} in all)");
    }

    private sealed record GoldenRow(int Index, int IsoYear, int IsoWeek, long Count, double? Expected, long? Threshold, bool? Alarm,
        bool? Trend);

    private static List<GoldenRow> Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + file)
                           ?? throw new InvalidOperationException($"{file} is not embedded.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine();
        Assert.Equal("index,isoYear,isoWeek,count,expected,threshold,alarm,trend", header);
        var rows = new List<GoldenRow>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            rows.Add(new GoldenRow(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture),
                f[4] == "NA" ? null : double.Parse(f[4], CultureInfo.InvariantCulture),
                f[5] == "NA" ? null : long.Parse(f[5], CultureInfo.InvariantCulture),
                f[6] == "NA" ? null : bool.Parse(f[6]),
                f[7] == "NA" ? null : f[7] == "1"));
            Assert.Equal(rows.Count - 1, rows[^1].Index);
        }
        return rows;
    }
}
