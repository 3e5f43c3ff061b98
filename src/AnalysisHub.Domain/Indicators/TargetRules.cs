using System.Globalization;
using System.Text.Json;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The rules of a target and the reading of its JSON form,
/// <c>{"baseline": {"from", "to", "percent"}, "milestones": [{"date", "percent"}, …]}</c>: percents finite and 0–100,
/// the baseline's <c>from</c> on or before its <c>to</c>, at least one milestone, and milestone dates strictly
/// increasing after the baseline ends. Every problem is reported, each naming its field
/// (<c>baseline.percent</c>, <c>milestones[1].date</c>), so one answer says everything to fix.
/// </summary>
public static class TargetRules
{
    /// <summary>More milestones than any agreement sets: a longer list is a mistake, and is refused before it is stored.</summary>
    public const int MaxMilestones = 100;

    private const string DateFormat = "yyyy-MM-dd";

    // A target is two levels of objects with one array between them: anything deeper is not a target.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    /// <summary>What is wrong with a target's figures (empty when it may be stored).</summary>
    public static List<(string Field, string Message)> Problems(TargetBaseline baseline, IReadOnlyList<TargetMilestone> milestones)
    {
        var problems = new List<(string, string)>();
        CheckPercent("baseline.percent", baseline.Percent, problems);
        if (baseline.From > baseline.To) problems.Add(("baseline.to", $"{Text(baseline.To)} is before baseline.from {Text(baseline.From)}"));
        CheckMilestones(baseline.To, milestones, problems);
        return problems;
    }

    /// <summary>Reads a target from its JSON body; null, with <paramref name="problems"/> filled, when it is not a valid one.</summary>
    public static IndicatorTarget? Read(ReadOnlySpan<byte> body, string indicator, string footprint, List<(string Field, string Message)> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (JsonException e)
        {
            problems.Add(("(body)", $"is not a JSON object (line {e.LineNumber + 1}, byte {e.BytePositionInLine ?? 0})"));
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(("(body)", "is not a JSON object"));
                return null;
            }
            var fields = Fields(root, "", ["baseline", "milestones"], problems);
            var baseline = fields.TryGetValue("baseline", out var b) ? ReadBaseline(b, problems) : Missing<TargetBaseline>("baseline", problems);
            var milestones = fields.TryGetValue("milestones", out var m) ? ReadMilestones(m, problems) : Missing<List<TargetMilestone>>("milestones", problems);
            if (problems.Count > 0 || baseline is null || milestones is null)
            {
                // Figures that were read are still checked against each other, so the answer lists every problem.
                if (baseline is not null && milestones is not null) problems.AddRange(Problems(baseline, milestones));
                else if (baseline is not null) problems.AddRange(Problems(baseline, []).Where(p => p.Field != "milestones"));
                return null;
            }
            problems.AddRange(Problems(baseline, milestones));
            return problems.Count == 0 ? new IndicatorTarget(indicator, footprint, baseline, milestones) : null;
        }
    }

    private static void CheckMilestones(DateOnly baselineEnd, IReadOnlyList<TargetMilestone> milestones, List<(string, string)> problems)
    {
        if (milestones.Count == 0)
        {
            problems.Add(("milestones", "must list at least one milestone"));
            return;
        }
        for (var i = 0; i < milestones.Count; i++)
        {
            var field = $"milestones[{i}]";
            CheckPercent(field + ".percent", milestones[i].Percent, problems);
            if (i == 0 && milestones[0].Date <= baselineEnd)
                problems.Add((field + ".date", $"{Text(milestones[0].Date)} is not after baseline.to {Text(baselineEnd)} (dates increasing)"));
            else if (i > 0 && milestones[i].Date <= milestones[i - 1].Date)
                problems.Add((field + ".date", $"{Text(milestones[i].Date)} is not after milestones[{i - 1}].date {Text(milestones[i - 1].Date)} (dates increasing)"));
        }
    }

    private static void CheckPercent(string field, double percent, List<(string, string)> problems)
    {
        if (!double.IsFinite(percent) || percent < 0 || percent > 100)
            problems.Add((field, $"{percent.ToString(CultureInfo.InvariantCulture)} is not a percent from 0 to 100"));
    }

    private static TargetBaseline? ReadBaseline(JsonElement element, List<(string, string)> problems)
    {
        if (element.ValueKind != JsonValueKind.Object) return Wrong<TargetBaseline>("baseline", "must be an object {from, to, percent}", problems);
        var fields = Fields(element, "baseline.", ["from", "to", "percent"], problems);
        var from = ReadDate(fields, "from", "baseline.", problems);
        var to = ReadDate(fields, "to", "baseline.", problems);
        var percent = ReadPercent(fields, "percent", "baseline.", problems);
        return from is { } f && to is { } t && percent is { } p ? new TargetBaseline(f, t, p) : null;
    }

    private static List<TargetMilestone>? ReadMilestones(JsonElement element, List<(string, string)> problems)
    {
        if (element.ValueKind != JsonValueKind.Array) return Wrong<List<TargetMilestone>>("milestones", "must be an array of {date, percent}", problems);
        if (element.GetArrayLength() > MaxMilestones) return Wrong<List<TargetMilestone>>("milestones", $"lists more than {MaxMilestones} milestones", problems);
        var milestones = new List<TargetMilestone>();
        var complete = true;
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var prefix = $"milestones[{i++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add((prefix.TrimEnd('.'), "must be an object {date, percent}"));
                complete = false;
                continue;
            }
            var fields = Fields(item, prefix, ["date", "percent"], problems);
            var date = ReadDate(fields, "date", prefix, problems);
            var percent = ReadPercent(fields, "percent", prefix, problems);
            if (date is { } d && percent is { } p) milestones.Add(new TargetMilestone(d, p));
            else complete = false;
        }
        // A list with a milestone missing would be checked for order with a gap in it: the wrong neighbours.
        return complete ? milestones : null;
    }

    /// <summary>The object's properties by name; unknown and repeated ones are problems, and null is an absent field.</summary>
    private static Dictionary<string, JsonElement> Fields(JsonElement element, string prefix, string[] known, List<(string, string)> problems)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name.Length == 0 ? "\"\"" : property.Name;
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                problems.Add((prefix + name, $"is not a field of a target (fields: {string.Join(", ", known)})"));
            else if (!fields.TryAdd(property.Name, property.Value))
                problems.Add((prefix + name, "appears more than once in the object"));
        }
        foreach (var name in fields.Where(f => f.Value.ValueKind == JsonValueKind.Null).Select(f => f.Key).ToList()) fields.Remove(name);
        return fields;
    }

    private static DateOnly? ReadDate(Dictionary<string, JsonElement> fields, string name, string prefix, List<(string, string)> problems)
    {
        if (!fields.TryGetValue(name, out var value)) return Missing<DateOnly?>(prefix + name, problems);
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        return Wrong<DateOnly?>(prefix + name, "must be a date as a string yyyy-MM-dd", problems);
    }

    private static double? ReadPercent(Dictionary<string, JsonElement> fields, string name, string prefix, List<(string, string)> problems)
    {
        if (!fields.TryGetValue(name, out var value)) return Missing<double?>(prefix + name, problems);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var percent) || !double.IsFinite(percent))
            return Wrong<double?>(prefix + name, "must be a JSON number from 0 to 100", problems);
        return percent;
    }

    private static T? Missing<T>(string field, List<(string, string)> problems) => Wrong<T>(field, "is required", problems);

    private static T? Wrong<T>(string field, string message, List<(string, string)> problems)
    {
        problems.Add((field, message));
        return default;
    }

    private static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);
}
