using System.Text;

namespace AnalysisHub.Testing.Histories;

/// <summary>A feed history: rows in the order they are sent, split into the batches they are sent in.</summary>
public sealed record History(IReadOnlyList<IReadOnlyList<HistoryRow>> Batches)
{
    public const string CrimeFeed = "crime";
    public const string SurveyFeed = "confidence-survey";

    /// <summary>The feed the rows are sent to: crime, or the weighted survey feed.</summary>
    public string Feed { get; init; } = CrimeFeed;

    public IEnumerable<HistoryRow> Rows => Batches.SelectMany(b => b);

    /// <summary>
    /// True when no two rows of one id share a version with different content (cancellations being one content):
    /// then the final state cannot depend on the order rows arrive in, and a re-send answers only duplicates
    /// and stale.
    /// </summary>
    public bool VersionsDecideEveryOrder()
    {
        var seen = new Dictionary<(string, long), ModelContent>();
        foreach (var row in Rows)
        {
            var key = (row.Id, row.Version ?? 0);
            var content = ModelContent.Of(row);
            if (seen.TryGetValue(key, out var earlier) && earlier != content) return false;
            seen[key] = content;
        }
        return true;
    }

    /// <summary>What a developer pastes into a shell to replay the history against a hub on the default port.</summary>
    public string ToCurl(string idPrefix = "")
    {
        var text = new StringBuilder("\n# replay: one request per batch, in order\n");
        foreach (var batch in Batches)
        {
            text.Append("curl -s -X POST http://127.0.0.1:5080/api/v1/feeds/").Append(Feed)
                .Append("/records -H 'Content-Type: application/x-ndjson' --data-binary @- <<'NDJSON'\n");
            foreach (var row in batch) text.Append(row.ToNdjson(idPrefix)).Append('\n');
            text.Append("NDJSON\n");
        }
        return text.ToString();
    }

    public override string ToString() => ToCurl();
}
