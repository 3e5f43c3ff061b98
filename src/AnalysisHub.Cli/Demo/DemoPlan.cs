namespace AnalysisHub.Cli.Demo;

/// <summary>What to generate: how many years back from <see cref="Today"/>, at what volume, from which seed.</summary>
public sealed record DemoPlan(int Years, double Scale, int Seed, DateOnly Today)
{
    /// <summary>The authority whose violence surges in the last complete week, so an alert is raised.</summary>
    public const string SurgeAuthority = "W06000015";

    /// <summary>How many times its usual violence the surge week holds.</summary>
    public const double SurgeFactor = 4;

    public DateOnly First => Today.AddYears(-Years).AddDays(1);

    /// <summary>Yesterday is the last day generated: today is not over.</summary>
    public DateOnly Last => Today.AddDays(-1);

    /// <summary>Monday of the last complete ISO week.</summary>
    public DateOnly SurgeWeekStart
    {
        get
        {
            var monday = Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));
            return monday.AddDays(-7);
        }
    }
}
