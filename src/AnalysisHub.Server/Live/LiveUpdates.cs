using System.Collections.Concurrent;
using System.Threading.Channels;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Domain.Time;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Live;

/// <summary>
/// This node's side of live updates: one grain observer for the whole node, subscribed to every rollup some
/// client here listens to; each notification is turned into one message per topic (one query per topic,
/// not per client) and fanned out to the topic's SignalR group and SSE clients.
/// </summary>
public sealed class LiveUpdates : IHostedService, IRollupObserver
{
    /// <summary>Messages an SSE client may fall behind by before it is dropped (it reconnects and gets a snapshot).</summary>
    public const int SseBuffer = 64;

    // A rollup grain lost with a silo comes back (keep-alive) without its observers: renewal bounds how long
    // a node's dashboards miss updates after a failover. One call per subscribed rollup (at most ~60) per period.
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    private sealed class TopicState(LiveTopic topic)
    {
        public LiveTopic Topic { get; } = topic;
        public HashSet<string> Connections { get; } = [];
        public List<Channel<LiveEvent>> SseClients { get; } = [];

        /// <summary>The topic's last SignalR group send: the next one follows it, so messages keep their order.</summary>
        public Task LastSend { get; set; } = Task.CompletedTask;
        public bool IsEmpty => Connections.Count == 0 && SseClients.Count == 0;
    }

    private readonly IGrainFactory _grains;
    private readonly GeographyRegistry _geography;
    private readonly IHubContext<LiveHub> _hub;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _callTimeout;
    private readonly ILogger<LiveUpdates> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TopicState> _topics = [];
    private readonly ConcurrentDictionary<string, byte> _subscribedRollups = new();
    private readonly Channel<RollupChange> _changes = Channel.CreateUnbounded<RollupChange>(new() { SingleReader = true });
    private IRollupObserver? _reference;
    private Task? _loop;
    private ITimer? _renewal;

    public LiveUpdates(IGrainFactory grains, GeographyRegistry geography, IHubContext<LiveHub> hub, TimeProvider clock, IOptions<Hosting.HubOptions> options, ILogger<LiveUpdates> logger)
    {
        _grains = grains;
        _geography = geography;
        _hub = hub;
        _clock = clock;
        _callTimeout = options.Value.GrainCallTimeout;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = _grains.CreateObjectReference<IRollupObserver>(this);
        _loop = Task.Run(ProcessChanges, CancellationToken.None);
        // Observers are not durable: renew every subscription so a reactivated grain (or a lapsed entry)
        // learns about this node again.
        _renewal = _clock.CreateTimer(_ => _ = RenewAsync(), null, Renewal, Renewal);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        _changes.Writer.TryComplete();
        if (_loop is not null) await _loop;
        if (_reference is not null) _grains.DeleteObjectReference<IRollupObserver>(_reference);
    }

    /// <summary>Live clients connected to this node, for the subscriber gauges.</summary>
    public (int SignalR, int Sse, int Topics) Counts()
    {
        lock (_gate)
            return (_topics.Values.Sum(t => t.Connections.Count), _topics.Values.Sum(t => t.SseClients.Count), _topics.Count);
    }

    /// <summary>Called by rollup grains (one-way); queued so the grain's call returns at once.</summary>
    Task IRollupObserver.RollupChanged(RollupChange change)
    {
        _changes.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task AddListenerAsync(LiveTopic topic, string connectionId)
    {
        lock (_gate) State(topic).Connections.Add(connectionId);
        return EnsureSubscribedAsync(topic);
    }

    public void RemoveListener(LiveTopic topic, string connectionId)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic.Key, out var state)) state.Connections.Remove(connectionId);
            Prune();
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_gate)
        {
            foreach (var state in _topics.Values) state.Connections.Remove(connectionId);
            Prune();
        }
    }

    /// <summary>Registers an SSE client; its reader ends when the client falls too far behind.</summary>
    public async Task<ChannelReader<LiveEvent>> AddSseClientAsync(LiveTopic topic)
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(SseBuffer) { SingleReader = true });
        lock (_gate) State(topic).SseClients.Add(channel);
        await EnsureSubscribedAsync(topic);
        return channel.Reader;
    }

    public void RemoveSseClient(LiveTopic topic, ChannelReader<LiveEvent> reader)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic.Key, out var state)) state.SseClients.RemoveAll(c => c.Reader == reader);
            Prune();
        }
    }

    /// <summary>The current counts a new or reconnecting client starts from: the last 31 days and 13 months.</summary>
    public async Task<RollupChangedMessage> SnapshotAsync(LiveTopic topic)
    {
        var today = LondonTime.Today(_clock);
        var days = Enumerable.Range(0, 31).Select(i => today.AddDays(-30 + i).DayNumber).ToArray();
        var thisMonth = MonthIndex.Of(today);
        var months = Enumerable.Range(thisMonth - 12, 13).ToArray();
        return await MessageAsync(topic, days, months, snapshot: true);
    }

    private TopicState State(LiveTopic topic)
    {
        if (!_topics.TryGetValue(topic.Key, out var state)) _topics[topic.Key] = state = new TopicState(topic);
        return state;
    }

    private void Prune()
    {
        foreach (var key in _topics.Where(t => t.Value.IsEmpty).Select(t => t.Key).ToList()) _topics.Remove(key);
        var wanted = _topics.Values.SelectMany(t => ListenedTo(t.Topic.Footprint)).ToHashSet();
        foreach (var rollup in _subscribedRollups.Keys.Where(r => !wanted.Contains(r)).ToList())
        {
            _subscribedRollups.TryRemove(rollup, out _);
            _ = UnsubscribeAsync(rollup);
        }
    }

    /// <summary>
    /// The rollups whose changes are a footprint's: its own, or, for one answered by its members, each member's
    /// (their changes are its changes, and it has no grain to tell anyone).
    /// </summary>
    private static IEnumerable<string> ListenedTo(Footprint footprint) =>
        footprint.IsAnsweredByMembers ? footprint.Members.Select(m => m.Id) : [footprint.RollupId];

    private async Task EnsureSubscribedAsync(LiveTopic topic)
    {
        foreach (var rollup in ListenedTo(topic.Footprint))
            if (_subscribedRollups.TryAdd(rollup, 0))
                await RollupGrainFor(rollup).Subscribe(_reference!).WaitAsync(_callTimeout);
    }

    private async Task UnsubscribeAsync(string rollupId)
    {
        try
        {
            await RollupGrainFor(rollupId).Unsubscribe(_reference!).WaitAsync(_callTimeout);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Unsubscribing from {Rollup} failed; the subscription will lapse", rollupId);
        }
    }

    private async Task RenewAsync()
    {
        foreach (var rollup in _subscribedRollups.Keys)
        {
            try
            {
                await RollupGrainFor(rollup).Subscribe(_reference!).WaitAsync(_callTimeout);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Renewing the live subscription to {Rollup} failed; retrying at the next renewal", rollup);
            }
        }
    }

    private IRollupGrain RollupGrainFor(string rollupId) => RollupGrains.For(_grains, _geography.Find(rollupId)!);

    private async Task ProcessChanges()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync())
        {
            List<TopicState> affected;
            lock (_gate)
                affected = _topics.Values.Where(t => ListenedTo(t.Topic.Footprint).Contains(change.RollupId) &&
                                                     (change.Reset || change.Feeds.Contains(t.Topic.Feed.Index))).ToList();
            foreach (var state in affected)
            {
                try
                {
                    var months = change.Days.Select(d => MonthIndex.Of(DateOnly.FromDayNumber(d))).Concat(change.Months).Distinct().ToArray();
                    var message = change.Reset
                        ? await SnapshotAsync(state.Topic)
                        : await MessageAsync(state.Topic, change.Days, months, snapshot: false);
                    Publish(state, message);
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Live update for {Topic} failed", state.Topic.Key);
                }
            }
        }
    }

    private void Publish(TopicState state, RollupChangedMessage message)
    {
        List<Channel<LiveEvent>> sse;
        lock (_gate) sse = [.. state.SseClients];
        Offer(sse, new LiveEvent(LiveHub.RollupChanged, message));
        SendToGroup(state, LiveHub.RollupChanged, message);
    }

    /// <summary>Offers a raised alert to every topic on its footprint and feed whose category covers the alert's.</summary>
    public void PublishAlert(Alert alert) => PublishAlertChange(LiveHub.AlertRaised, alert);

    /// <summary>Offers a withdrawn alert to the same topics its raising went to, so they can take it down.</summary>
    public void PublishAlertWithdrawn(Alert alert) => PublishAlertChange(LiveHub.AlertWithdrawn, alert);

    private void PublishAlertChange(string method, Alert alert)
    {
        List<TopicState> topics;
        lock (_gate)
            topics = _topics.Values.Where(t => t.Topic.Footprint.Id == alert.Footprint && t.Topic.Feed.Id == alert.Feed &&
                                               (t.Topic.Category is null || t.Topic.Feed.FindCategory(alert.Category) is { } c &&
                                                t.Topic.Categories.Contains(c.Index))).ToList();
        foreach (var state in topics)
        {
            List<Channel<LiveEvent>> sse;
            lock (_gate) sse = [.. state.SseClients];
            Offer(sse, new LiveEvent(method, alert));
            SendToGroup(state, method, alert);
        }
    }

    /// <summary>
    /// Sends to the topic's SignalR group without holding up this loop: a group send waits for the slowest
    /// connection's buffer, so it must only ever delay that topic's next send, never other topics or the grains.
    /// </summary>
    private void SendToGroup(TopicState state, string method, object message)
    {
        lock (_gate)
            state.LastSend = state.LastSend.ContinueWith(async _ =>
            {
                try
                {
                    await _hub.Clients.Group(state.Topic.Key).SendAsync(method, message);
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Sending {Method} to {Topic} failed", method, state.Topic.Key);
                }
            }, TaskScheduler.Default).Unwrap();
    }

    private static void Offer(List<Channel<LiveEvent>> clients, LiveEvent live)
    {
        foreach (var client in clients)
            if (!client.Writer.TryWrite(live))
                client.Writer.TryComplete(new TimeoutException("client fell behind")); // it reconnects for a snapshot
    }

    private async Task<RollupChangedMessage> MessageAsync(LiveTopic topic, IReadOnlyCollection<int> days, IReadOnlyCollection<int> months, bool snapshot)
    {
        var grain = RollupGrains.For(_grains, topic.Footprint);
        var periods = new List<LivePeriod>();
        var categories = topic.Categories.ToArray();
        if (days.Count > 0)
        {
            var wanted = days.ToHashSet();
            var range = new DateRange(DateOnly.FromDayNumber(days.Min()), DateOnly.FromDayNumber(days.Max()));
            var series = await grain.GetSeries(new SeriesQuery(topic.Feed.Index, categories, 0, range, Granularity.Day))
                .WaitAsync(_callTimeout);
            periods.AddRange(series.Points.Where(p => wanted.Contains(p.Start.DayNumber))
                .Select(p => new LivePeriod("day", p.Period, p.Start, p.End, p.Count)));
        }
        if (months.Count > 0)
        {
            var wanted = months.ToHashSet();
            var range = new DateRange(MonthIndex.FirstDay(months.Min()), MonthIndex.LastDay(months.Max()));
            var series = await grain.GetSeries(new SeriesQuery(topic.Feed.Index, categories, 0, range, Granularity.Month))
                .WaitAsync(_callTimeout);
            periods.AddRange(series.Points.Where(p => wanted.Contains(MonthIndex.Of(p.Start)))
                .Select(p => new LivePeriod("month", p.Period, p.Start, p.End, p.Count)));
        }
        return new RollupChangedMessage(topic.Footprint.Id, topic.Feed.Id, topic.Category?.Id, snapshot, periods);
    }
}
