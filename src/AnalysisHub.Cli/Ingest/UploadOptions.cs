using System.CommandLine;
using AnalysisHub.Cli.Hub;

namespace AnalysisHub.Cli.Ingest;

/// <summary>The upload options that <c>ingest</c>, <c>import police-uk</c> and <c>demo</c> share.</summary>
public static class UploadOptions
{
    public static readonly Option<int> BatchRows = Positive("--batch-rows", BatchLimits.DefaultRows, "rows per request at most");
    public static readonly Option<int> BatchBytes = Positive("--batch-bytes", BatchLimits.DefaultBytes, "bytes per request at most (a single larger row still goes alone)");
    public static readonly Option<int> Parallel = Positive("--parallel", 4, "requests in flight at once");
    public static readonly Option<int> Retries = new("--retries")
    {
        Description = "retries of a request after a 5xx, a 429 or a connection failure, with doubling waits",
        DefaultValueFactory = _ => new RetryPolicy().Retries,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--retries must be 0 or more"); } },
    };

    public static void AddTo(Command command)
    {
        command.Add(BatchRows);
        command.Add(BatchBytes);
        command.Add(Parallel);
        command.Add(Retries);
    }

    public static BatchLimits Limits(ParseResult parsed) => new() { MaxRows = parsed.GetValue(BatchRows), MaxBytes = parsed.GetValue(BatchBytes) };

    public static RetryPolicy Retry(ParseResult parsed) => new() { Retries = parsed.GetValue(Retries) };

    private static Option<int> Positive(string name, int value, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => value,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{name} must be 1 or more"); } },
    };
}
