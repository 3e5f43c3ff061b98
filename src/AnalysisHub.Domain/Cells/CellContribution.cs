namespace AnalysisHub.Domain.Cells;

/// <summary>What one counting record adds to one cell: one for a count, its weight or squared weight for a weighted sum.</summary>
public readonly record struct CellContribution(CellKey Cell, long Amount);
