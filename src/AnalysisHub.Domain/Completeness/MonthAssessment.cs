namespace AnalysisHub.Domain.Completeness;

/// <summary>One authority-month of a feed judged: its records, what was expected (null without history) and the status.</summary>
public readonly record struct MonthAssessment(long Records, double? Expected, DeliveryStatus Status);
