namespace AnalysisHub.Cli.PoliceUk;

/// <summary>
/// data.police.uk's crime types and the hub's categories: anti-social behaviour goes to the <c>incidents</c> feed
/// (<c>anti-social-behaviour</c>), every other type to <c>crime</c> by its name ("Criminal damage and arson" →
/// <c>criminal-damage-and-arson</c>).
/// </summary>
public static class CrimeTypes
{
    public const string AntiSocialBehaviour = "anti-social-behaviour";

    public static (string Feed, string Category) Map(string crimeType)
    {
        var slug = Slug(crimeType);
        return slug == AntiSocialBehaviour ? ("incidents", slug) : ("crime", slug);
    }

    private static string Slug(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
