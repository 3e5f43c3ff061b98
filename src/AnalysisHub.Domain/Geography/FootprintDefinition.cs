using System.Text.RegularExpressions;

namespace AnalysisHub.Domain.Geography;

/// <summary>
/// A footprint a partnership defines at run time (kind <c>custom</c>): any set of authorities, under an id of its
/// own. What the store keeps; the registry turns it into a <see cref="Footprint"/>.
/// </summary>
/// <param name="Members">member authority ids (<c>la:…</c>), in registry order.</param>
public sealed record FootprintDefinition(string Id, string Name, string? NameCy, IReadOnlyList<string> Members, string? Description,
    DateTimeOffset DefinedAt, string? DefinedBy)
{
    public const string IdPrefix = FootprintKind.Custom + ":";
    public const int MaxSlugLength = 64, MaxNameLength = 200, MaxDescriptionLength = 2000;

    private static readonly Regex Slug = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// A definition from what was asked, with members given as authority ids or ONS codes; or every problem, by
    /// field. It is not checked here whether the id is taken: that is the registry's and the store's to say.
    /// </summary>
    public static (FootprintDefinition? Definition, IReadOnlyList<(string Field, string Problem)> Problems) Read(
        string? id, string? name, string? nameCy, IReadOnlyList<string?>? members, string? description,
        GeographyRegistry geography, DateTimeOffset now, string? definedBy)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrEmpty(id)) problems.Add(("id", "is required: custom:<slug>"));
        else if (!id.StartsWith(IdPrefix, StringComparison.Ordinal) || id.Length - IdPrefix.Length > MaxSlugLength ||
                 !Slug.IsMatch(id[IdPrefix.Length..]))
            problems.Add(("id", $"'{Shorten(id)}' is not custom:<slug> (lower-case letters and digits in words joined by '-', at most {MaxSlugLength})"));
        if (string.IsNullOrWhiteSpace(name)) problems.Add(("name", "is required"));
        else if (name.Length > MaxNameLength || name.Any(char.IsControl)) problems.Add(("name", $"is at most {MaxNameLength} printable characters"));
        if (nameCy is not null && (nameCy.Length > MaxNameLength || nameCy.Any(char.IsControl)))
            problems.Add(("nameCy", $"is at most {MaxNameLength} printable characters"));
        if (description is not null && description.Length > MaxDescriptionLength)
            problems.Add(("description", $"is at most {MaxDescriptionLength} characters"));

        var found = new List<Authority>();
        if (members is not { Count: > 0 }) problems.Add(("members", "lists no authority: give authority ids or codes"));
        else
            foreach (var m in members)
            {
                if (m is null || geography.FindAuthority(m) is not { } authority)
                    problems.Add(("members", $"'{Shorten(m ?? "null")}' is not a local authority id or code"));
                else if (found.Contains(authority)) problems.Add(("members", $"'{Shorten(m)}' is listed twice"));
                else found.Add(authority);
            }
        if (problems.Count > 0) return (null, problems);
        return (new FootprintDefinition(id!, name!.Trim(), nameCy?.Trim(), found.OrderBy(a => a.Index).Select(a => a.Id).ToList(),
            description, now, definedBy), []);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
