namespace AnalysisHub.Domain.Completeness;

/// <summary>
/// A supplier's word on a feed's month in one authority: delivered <c>complete</c>, or <c>withdrawn</c>. Identified by
/// (feed, authority, month): a later declaration replaces the earlier one.
/// </summary>
/// <param name="Authority">the authority's ONS code (what stores keep: stable when the geography file is reordered).</param>
/// <param name="Month">the month, as a <see cref="Cells.MonthIndex"/>.</param>
/// <param name="KeyId">the key that declared it (null for a bearer token without a key id).</param>
public sealed record DeliveryDeclaration(string Feed, string Authority, int Month, DeclaredDelivery Status, DateTimeOffset DeclaredAt, string? KeyId);
