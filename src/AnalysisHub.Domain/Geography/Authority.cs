namespace AnalysisHub.Domain.Geography;

/// <summary>
/// A local authority: the unit every record is placed in, and the one form of an authority in every layer. The
/// API and grain keys use its <see cref="Id"/> (<c>la:cardiff</c>), the ledger stores its <see cref="Code"/>
/// (<c>W06000015</c>, stable when the geography file is reordered), and a record entry holds its
/// <see cref="Index"/>, as it holds a feed's and a category's position, to stay small.
/// </summary>
/// <remarks>
/// Made once by the registry and never copied, so instances compare by reference. The same authority seen as a
/// planning area (with a name, a population and its place in the hierarchy) is <see cref="Footprint"/>.
/// </remarks>
public sealed class Authority
{
    internal Authority(short index, string id, string code)
    {
        Index = index;
        Id = id;
        Code = code;
    }

    /// <summary>Position in <see cref="GeographyRegistry.Authorities"/>: what <c>RecordEntry.Authority</c> holds.</summary>
    public short Index { get; }

    /// <summary>The footprint id, <c>la:cardiff</c>: the API's name for it and its grain's key.</summary>
    public string Id { get; }

    /// <summary>The ONS code, <c>W06000015</c>: what the ledger and the change log store.</summary>
    public string Code { get; }

    /// <summary>This authority as a planning area of one member.</summary>
    public Footprint Footprint { get; internal set; } = null!;

    public override string ToString() => Id;
}
