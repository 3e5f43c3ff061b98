using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using Microsoft.Extensions.Logging;

namespace AnalysisHub.Grains;

/// <summary>
/// The sum of a set of authorities — every footprint with exactly those members (RPB, APB and force of North
/// Wales are one) — each member counted once, however many other footprints contain it. Members push numbered deltas; a repeat is ignored, and a gap or a
/// member's new activation makes the footprint rebuild itself from every member's snapshot.
/// </summary>
public sealed class FootprintGrain(GeographyRegistry geography, ILogger<FootprintGrain> logger) : Grain, IFootprintGrain
{
    private readonly CellTable _cells = new();
    private readonly Dictionary<string, (Guid Epoch, long Sequence)> _members = [];
    private Footprint _footprint = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _footprint = geography.Find(key) is { } f && f.Members.Count > 1 && f.RollupId == f.Id
            ? f
            : throw new ArgumentException($"'{key}' is not the rollup of a multi-authority footprint");
        return Resync();
    }

    public async Task Resync()
    {
        var snapshots = await Task.WhenAll(_footprint.Members.Select(async m =>
            (Member: m, Snapshot: await GrainFactory.GetGrain<IAuthorityGrain>(m).GetSnapshot())));
        _cells.Clear();
        _members.Clear();
        foreach (var (member, snapshot) in snapshots)
        {
            foreach (var (key, value) in CellCodec.Decode(snapshot.Cells)) _cells.Add(key, value);
            _members[member] = (snapshot.Epoch, snapshot.FlushSequence);
        }
        logger.LogDebug("Footprint {Footprint} rebuilt from {Members} members: {Cells} cells", _footprint.Id, snapshots.Length, _cells.Count);
    }

    public Task ApplyMemberChanges(string memberId, Guid epoch, long flushSequence, byte[] deltas)
    {
        if (!_members.TryGetValue(memberId, out var known))
            throw new ArgumentException($"'{memberId}' is not a member of {_footprint.Id}");
        if (known.Epoch == epoch && flushSequence <= known.Sequence) return Task.CompletedTask; // a repeat
        if (known.Epoch != epoch || flushSequence != known.Sequence + 1) return Resync(); // missed flushes
        foreach (var (key, delta) in CellCodec.Decode(deltas)) _cells.Add(key, delta);
        _members[memberId] = (epoch, flushSequence);
        return Task.CompletedTask;
    }

    public Task<int> GetCellCount() => Task.FromResult(_cells.Count);

    public Task<SeriesResponse> GetSeries(SeriesRequest request) =>
        Task.FromResult(SeriesResponse.From(SeriesCalculator.Calculate(_cells, request.ToQuery())));
}
