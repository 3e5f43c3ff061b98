using System.CommandLine;
using System.Text;

namespace AnalysisHub.Cli.Query;

/// <summary>The question options that <c>query</c> and <c>compare</c> share (one set per command), and how they become a query string.</summary>
public sealed class QueryOptions
{
    public readonly Option<string> Feed = new("--feed") { Description = "the feed (crime, incidents, calls, ed-assaults, ambulance-assaults)", Required = true, HelpName = "FEED" };
    public readonly Option<string?> Category = new("--category") { Description = "a category of the feed (counts it and everything below it)", HelpName = "CATEGORY" };
    public readonly Option<string[]> Flag = new("--flag") { Description = "only records with this flag (repeatable: all of them)", HelpName = "FLAG" };
    public readonly Option<string?> From = new("--from") { Description = "first day, YYYY-MM-DD (default: the hub's, the last 12 complete months)", HelpName = "DATE" };
    public readonly Option<string?> To = new("--to") { Description = "last day, YYYY-MM-DD", HelpName = "DATE" };
    public readonly Option<string> Format = OutputFormat.Option();

    public void AddTo(Command command)
    {
        command.Add(Feed);
        command.Add(Category);
        command.Add(Flag);
        command.Add(From);
        command.Add(To);
        command.Add(Format);
    }

    /// <summary>The query string of the question: the given parameters only, so the hub's defaults apply to the rest.</summary>
    public string QueryString(ParseResult parsed, params (string Name, string? Value)[] more)
    {
        var parameters = new List<(string, string?)> { ("feed", parsed.GetValue(Feed)), ("category", parsed.GetValue(Category)) };
        parameters.AddRange((parsed.GetValue(Flag) ?? []).Select(f => ("flag", (string?)f)));
        parameters.Add(("from", parsed.GetValue(From)));
        parameters.Add(("to", parsed.GetValue(To)));
        parameters.AddRange(more);
        var query = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => !string.IsNullOrEmpty(p.Item2)))
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        return query.ToString();
    }
}
