using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>
/// A new user's first minutes, on a hub of the test's own: the dashboard of an empty hub says how to load data,
/// and once the README's tour has sent its two crimes (dated 2025, long before the last 12 months) the dashboard
/// the tour sends the reader to shows them.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FirstRunTests(DashboardFixture fixture) : IAsyncLifetime
{
    private readonly HubProcess _hub = new();

    public Task InitializeAsync() => _hub.StartAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task An_empty_hub_says_how_to_load_data_and_after_the_tour_the_dashboard_shows_the_tours_records()
    {
        await using (var empty = await DashboardPage.OpenAsync(fixture.Browser, _hub.BaseAddress))
        {
            var hint = empty.Page.Locator("#empty-hub");
            await Expect(hint).ToBeVisibleAsync();
            await Expect(hint).ToContainTextAsync("dotnet run --project src/AnalysisHub.Cli -- demo");
            await Expect(hint).ToContainTextAsync("hub import police-uk");
            await empty.Page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.Screenshot("dashboard-empty.png"), FullPage = true });

            await SendTheToursRecordsAsync();
            // The page looks again every few seconds and puts the hint away once records have arrived.
            await Expect(hint).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = 20_000 });
            empty.AssertNoConsoleErrors();
        }

        await using var dashboard = await DashboardPage.OpenAsync(fixture.Browser, _hub.BaseAddress);
        await Expect(dashboard.Page.Locator("#empty-hub")).ToBeHiddenAsync();
        // The records are from mid-2025, so the period is the 12 months ending with July 2025, their last month.
        await Expect(dashboard.Page.Locator("#from")).ToHaveValueAsync("2024-08-01");
        await Expect(dashboard.Page.Locator("#to")).ToHaveValueAsync("2025-07-31");
        // The public view withholds a total made of months under 5; signed in, the figure is there.
        await Expect(dashboard.Page.Locator("#selected-count")).ToHaveTextAsync("withheld");
        await dashboard.SignInAsync(_hub.AdminKey);
        await Expect(dashboard.Page.Locator("#selected-count")).ToHaveTextAsync("2");
        dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_period_in_the_address_is_the_period_shown()
    {
        await SendTheToursRecordsAsync();
        await using var dashboard = await DashboardPage.OpenAsync(fixture.Browser, _hub.BaseAddress, "/?from=2025-07-01&to=2025-07-01");
        await Expect(dashboard.Page.Locator("#from")).ToHaveValueAsync("2025-07-01");
        await Expect(dashboard.Page.Locator("#to")).ToHaveValueAsync("2025-07-01");
        await dashboard.SignInAsync(_hub.AdminKey);
        await Expect(dashboard.Page.Locator("#selected-count")).ToHaveTextAsync("1"); // demo-1 (local 1 July); demo-2 is on the 2nd
        dashboard.AssertNoConsoleErrors();
    }

    /// <summary>The README's tour: two crimes, then a correction moving the first to Swansea (still 1 July, local time).</summary>
    private async Task SendTheToursRecordsAsync()
    {
        const string ndjson = """
            {"id":"demo-1","occurredAt":"2025-06-30T23:30:00Z","area":"W06000015","category":"violence-with-injury","flags":["alcohol"]}
            {"id":"demo-2","occurredAt":"2025-07-02T14:10:00+01:00","area":"W01001780","category":"robbery"}
            """;
        const string csv = "id,occurredAt,area,category,flags,version\ndemo-1,2025-07-01T00:30:00,W06000011,violence-with-injury,alcohol,2\n";
        foreach (var (body, type) in new[] { (ndjson, "application/x-ndjson"), (csv, "text/csv") })
        {
            using var response = await _hub.Http.PostAsync("/api/v1/feeds/crime/records", new StringContent(body, Encoding.UTF8, type));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _hub.Http.GetFromJsonAsync<Extent>("/api/v1/footprints/nation:wales/extent"))!.Feeds.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the tour's records never reached Wales");
            await Task.Delay(100);
        }
    }

    private sealed record Extent(IReadOnlyList<object> Feeds);
}
