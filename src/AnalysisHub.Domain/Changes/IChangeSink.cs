namespace AnalysisHub.Domain.Changes;

/// <summary>Receives each commit's cell changes after they are durable (the grains, in the host).</summary>
public interface IChangeSink
{
    Task PublishAsync(IReadOnlyList<AuthorityChanges> changes);
}
