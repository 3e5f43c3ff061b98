using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary>
/// What an import did with every row: per crime type, per force and month, and the rows not sent — outside
/// Wales or without a location — per file and month, so none is lost silently.
/// </summary>
public sealed class ImportReport
{
    public sealed class TypeCount(string feed, string category)
    {
        public string Feed { get; } = feed;
        public string Category { get; } = category;
        public long Rows { get; set; }
        public long Sent { get; set; }
    }

    public sealed class PlaceCount
    {
        public long Rows { get; set; }
        public long Sent { get; set; }
        public long ByName { get; set; }
        public long OutsideWales { get; set; }
        public long NoLocation { get; set; }
        public long Unplaced { get; set; }
        public long NotSent => OutsideWales + NoLocation + Unplaced;
    }

    public SortedDictionary<string, TypeCount> ByCrimeType { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<(string Force, string Month), PlaceCount> ByForceMonth { get; } = new();
    public SortedDictionary<(string File, string Month), PlaceCount> ByFileMonth { get; } = new();
    /// <summary>Welsh LSOA codes the lookup lacks, placed by their names: (code, name) → (authority, rows).</summary>
    public SortedDictionary<(string Code, string Name), (string Authority, long Rows)> PlacedByName { get; } = new();
    public List<RejectedRow> Unusable { get; } = [];
    public long RepeatedCrimeIds { get; set; }
    public long Rows { get; set; }

    public void Count(string file, string force, string month, string crimeType, (string Feed, string Category) mapped, Placement how,
        (string Code, string Name, string? Authority) lsoa)
    {
        Rows++;
        var type = ByCrimeType.TryGetValue(crimeType, out var t) ? t : ByCrimeType[crimeType] = new TypeCount(mapped.Feed, mapped.Category);
        type.Rows++;
        foreach (var place in new[] { At(ByForceMonth, (force, month)), At(ByFileMonth, (file, month)) })
        {
            place.Rows++;
            switch (how)
            {
                case Placement.ByCode: place.Sent++; break;
                case Placement.ByName: place.Sent++; place.ByName++; break;
                case Placement.OutsideWales: place.OutsideWales++; break;
                case Placement.NoLocation: place.NoLocation++; break;
                case Placement.Unplaced: place.Unplaced++; break;
            }
        }
        if (how is Placement.ByCode or Placement.ByName) type.Sent++;
        if (how == Placement.ByName)
            PlacedByName[(lsoa.Code, lsoa.Name)] = (lsoa.Authority!, PlacedByName.GetValueOrDefault((lsoa.Code, lsoa.Name)).Rows + 1);
    }

    private static PlaceCount At<TKey>(SortedDictionary<TKey, PlaceCount> counts, TKey key) where TKey : notnull =>
        counts.TryGetValue(key, out var c) ? c : counts[key] = new PlaceCount();

    public void Write(TextWriter output)
    {
        output.WriteLine($"read {Rows:N0} rows; sending {ByCrimeType.Values.Sum(t => t.Sent):N0} records (month precision: each counts in its month, on no day or week)");
        TextTable.Write(output, ["crime type", "feed", "category", "rows", "sent"],
            ByCrimeType.Select(t => new[] { t.Key, t.Value.Feed, t.Value.Category, N(t.Value.Rows), N(t.Value.Sent) }));
        output.WriteLine();
        TextTable.Write(output, ["force", "month", "rows", "sent", "placed by LSOA name", "outside Wales", "no location", "unknown LSOA"],
            ByForceMonth.Select(f => new[] { f.Key.Force, f.Key.Month, N(f.Value.Rows), N(f.Value.Sent), N(f.Value.ByName), N(f.Value.OutsideWales), N(f.Value.NoLocation), N(f.Value.Unplaced) }));
        if (PlacedByName.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("LSOA codes not in the 2011 lookup, placed by the authority their name starts with:");
            TextTable.Write(output, ["LSOA code", "LSOA name", "authority", "rows"],
                PlacedByName.Select(p => new[] { p.Key.Code, p.Key.Name, p.Value.Authority, N(p.Value.Rows) }));
        }
        var notSent = ByFileMonth.Where(f => f.Value.NotSent > 0).ToList();
        if (notSent.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Rows not sent (counted here, not in the hub): outside Wales, without a location, or in an LSOA that could not be placed:");
            TextTable.Write(output, ["file", "month", "outside Wales", "no location", "unknown LSOA"],
                notSent.Select(f => new[] { f.Key.File, f.Key.Month, N(f.Value.OutsideWales), N(f.Value.NoLocation), N(f.Value.Unplaced) }));
        }
        if (RepeatedCrimeIds > 0)
            output.WriteLine($"{RepeatedCrimeIds:N0} row(s) repeat a Crime ID of an earlier row: each Crime ID is one record, and its last row is what counts");
        output.WriteLine();
    }

    private static string N(long value) => value.ToString("N0");
}
