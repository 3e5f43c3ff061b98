using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using Microsoft.AspNetCore.SignalR;

namespace AnalysisHub.Server.Live;

/// <summary>
/// SignalR hub at <c>/hubs/live</c>. Clients call <c>Subscribe(footprintId, feed, category?)</c> and receive
/// <c>rollupChanged</c> messages (the first after subscribing is a snapshot), <c>alertRaised</c> when an
/// exceedance alert is raised for the footprint and feed, and <c>alertWithdrawn</c> (the alert, with its
/// <c>withdrawnAt</c> and <c>reason</c>) when corrections take its week back under the threshold.
/// </summary>
public sealed class LiveHub(LiveUpdates feed, GeographyRegistry geography, FeedCatalog catalog) : Hub
{
    public const string RollupChanged = "rollupChanged";
    public const string AlertRaised = "alertRaised";
    public const string AlertWithdrawn = "alertWithdrawn";

    public async Task Subscribe(string footprintId, string feedId, string? category = null)
    {
        var topic = LiveTopic.Resolve(footprintId, feedId, category, geography, catalog, out var error);
        if (error is not null) throw new HubException(error);
        await Groups.AddToGroupAsync(Context.ConnectionId, topic.Key);
        await feed.AddListenerAsync(topic, Context.ConnectionId);
        await Clients.Caller.SendAsync(RollupChanged, await feed.SnapshotAsync(topic));
    }

    public async Task Unsubscribe(string footprintId, string feedId, string? category = null)
    {
        var topic = LiveTopic.Resolve(footprintId, feedId, category, geography, catalog, out var error);
        if (error is not null) throw new HubException(error);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic.Key);
        feed.RemoveListener(topic, Context.ConnectionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.RemoveConnection(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
