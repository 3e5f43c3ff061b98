namespace AnalysisHub.Storage;

/// <summary>The ledger could not make a batch durable; nothing of it was applied and the source may retry.</summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
