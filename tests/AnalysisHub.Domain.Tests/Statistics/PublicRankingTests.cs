using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class PublicRankingTests
{
    [Fact]
    public void Without_small_members_the_top_members_with_five_or_more_are_listed()
    {
        Assert.Equal([0, 1], PublicRanking.Listed(26, [20, 6, 0], top: 5));
        Assert.Equal([0, 1, 2], PublicRanking.Listed(60, [20, 15, 10, 9, 6], top: 3));
        Assert.Empty(PublicRanking.Listed(0, [0, 0], top: 5)!);
    }

    [Fact]
    public void A_small_member_withholds_a_table_with_room_to_spare()
    {
        // Cwm Taf 14 = Rhondda Cynon Taf 12 + Merthyr Tydfil 2: listing 12 would give 14 − 12 = 2.
        Assert.Null(PublicRanking.Listed(14, [12, 2], top: 5));
        // Listing 20 would leave 11 to two members, but a member left out of a table with room has fewer than 5.
        Assert.Null(PublicRanking.Listed(31, [20, 8, 3], top: 5));
        // Three members none of which could be listed, 12 between them: all 4.
        Assert.Null(PublicRanking.Listed(12, [4, 4, 4], top: 5));
    }

    [Fact]
    public void A_full_table_leaving_out_two_or_more_is_shown_when_their_remainder_can_be_split_many_ways()
    {
        Assert.Equal([0, 1], PublicRanking.Listed(20 + 9 + 3 + 1, [20, 9, 3, 1], top: 2));
        // One left out: the remainder is its count.
        Assert.Null(PublicRanking.Listed(20 + 9 + 3, [20, 9, 3], top: 2));
        // Two left out with 8 between them below a listed 9: 4 + 4, 3 + 5, 5 + 3, …
        Assert.Equal([0, 1], PublicRanking.Listed(20 + 9 + 4 + 4, [20, 9, 4, 4], top: 2));
        // Below a listed 5 each has at most 5, or 4 if it lost the tie to it: 8 could be 4 + 4 and nothing else.
        Assert.Null(PublicRanking.Listed(20 + 5 + 4 + 4, [20, 5, 4, 4], top: 2));
    }

    [Fact]
    public void Members_must_be_ranked_and_the_table_hold_at_least_two()
    {
        Assert.Throws<ArgumentException>(() => PublicRanking.Listed(10, [2, 8], top: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicRanking.Listed(10, [10], top: 1));
    }

    /// <summary>
    /// Whoever knows the rule, the footprint's count and the listed members (with their counts) must not be able to
    /// tell any member's count of 1–4: for every way members' counts could be, every small count must share its
    /// published table with a way in which that member's count differs. Exhaustive over up to four members with
    /// counts 0–9, five with counts 0–7, and tables of two to five members.
    /// </summary>
    [Fact]
    public void No_small_member_count_follows_from_the_published_table_even_knowing_the_rule()
    {
        for (var members = 1; members <= 5; members++)
        {
            for (var top = 2; top <= 5; top++)
            {
                var outputs = new Dictionary<string, List<long[]>>();
                foreach (var counts in AllCounts(members, members <= 4 ? 10 : 8))
                {
                    var key = Published(counts, top);
                    if (!outputs.TryGetValue(key, out var same)) outputs[key] = same = [];
                    same.Add(counts);
                }
                foreach (var (key, same) in outputs)
                    foreach (var counts in same)
                        for (var m = 0; m < members; m++)
                        {
                            if (!DisclosureControl.IsPrimarySuppressed(counts[m])) continue;
                            Assert.True(same.Any(o => o[m] != counts[m]),
                                $"member {m} = {counts[m]} follows from [{key}] (counts {string.Join(",", counts)}, top {top})");
                        }
            }
        }
    }

    // The table as published: the footprint's count ("<5" when small) and the listed members, by name, with counts.
    private static string Published(long[] counts, int top)
    {
        // Ranked most first, ties by member (its name): the order the bulletin uses.
        var order = Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).ThenBy(i => i).ToArray();
        var total = counts.Sum();
        var listed = PublicRanking.Listed(total, order.Select(i => counts[i]).ToArray(), top);
        return DisclosureControl.Disclose(total).Display + ": "
            + (listed is null ? "withheld" : string.Join(" ", listed.Select(p => $"{order[p]}={counts[order[p]]}")));
    }

    private static IEnumerable<long[]> AllCounts(int members, int values)
    {
        var total = (int)Math.Pow(values, members);
        for (var n = 0; n < total; n++)
        {
            var counts = new long[members];
            for (int m = 0, rest = n; m < members; m++, rest /= values) counts[m] = rest % values;
            yield return counts;
        }
    }
}
