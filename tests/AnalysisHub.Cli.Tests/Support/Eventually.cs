namespace AnalysisHub.Cli.Tests.Support;

/// <summary>
/// Rollups reach the footprints after a debounced flush: polls until the value is the expected one, failing
/// with the last value seen after a generous deadline. This checks what the hub holds, not how fast.
/// </summary>
public static class Eventually
{
    public static async Task Equal<T>(T expected, Func<Task<T>> observe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T actual;
        do
        {
            actual = await observe();
            if (EqualityComparer<T>.Default.Equals(actual, expected)) return;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, actual);
    }
}
