namespace AnalysisHub.Grains.Tests;

/// <summary>
/// Rollups converge asynchronously (debounced flushes). Polls until the condition holds, failing with the last
/// observed value after a generous deadline; this checks correctness, not speed.
/// </summary>
internal static class Eventually
{
    public static async Task<T> Equal<T>(T expected, Func<Task<T>> observe, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        T actual;
        do
        {
            actual = await observe();
            if (EqualityComparer<T>.Default.Equals(actual, expected)) return actual;
            await Task.Delay(25);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, actual);
        return actual;
    }
}
