namespace AnalysisHub.Testing.Histories;

/// <summary>A day cell as the model counts it: authority × category × local day × sorted flags.</summary>
public readonly record struct ModelCell(string Authority, string Category, DateOnly Day, string Flags);
