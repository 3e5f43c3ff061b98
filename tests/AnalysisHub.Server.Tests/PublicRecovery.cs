using System.Text.Json;

namespace AnalysisHub.Server.Tests;

/// <summary>
/// Checks, from a public output alone, that none of its sums gives a withheld count away. A sum is a shown or
/// withheld total and the parts it adds up; a withheld part is known only to be 1–4 ("&lt;5"; zero is always shown).
/// </summary>
public static class PublicRecovery
{
    /// <summary>A number as published: the count, or null when withheld ("&lt;5" or null).</summary>
    public static long? Shown(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    /// <param name="total">the total, or null when withheld.</param>
    /// <param name="parts">each part, or null when withheld.</param>
    public static void AssertNothingRecoverable(string sum, long? total, IReadOnlyList<long?> parts)
    {
        var hidden = parts.Count(p => p is null);
        if (total is null)
        {
            // A withheld total beside shown parts is their sum.
            Assert.True(hidden > 0 || parts.Count == 0, $"{sum}: the withheld total is the sum of the shown parts");
            return;
        }
        var remainder = total.Value - parts.Sum(p => p ?? 0);
        Assert.True(hidden != 1, $"{sum}: the one withheld part is {remainder} by subtraction");
        // Several withheld parts of 1–4 sharing the remainder are pinned when it is all ones or all fours.
        if (hidden > 1)
            Assert.True(remainder != hidden && remainder != 4 * hidden, $"{sum}: {hidden} withheld parts share {remainder}, so each is {remainder / hidden}");
    }
}
