using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>The dashboard at <c>/</c> signed in as the hub's admin, in a real Chromium against the real hub.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture fixture) : IAsyncLifetime
{
    private DashboardPage _dashboard = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        // Opens in public mode; signs in through the form, then waits (data-ready="true") until the map values,
        // the series and the live subscription are in place.
        _dashboard = await DashboardPage.OpenAsync(fixture);
        _page = _dashboard.Page;
        await _dashboard.SignInAsync(fixture.Hub.AdminKey);
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    private void AssertNoConsoleErrors() => _dashboard.AssertNoConsoleErrors();

    private static string Screenshot(string name) => DashboardPage.Screenshot(name);

    private async Task<long> SelectedCountAsync()
    {
        var text = await _page.Locator("#selected-count").InnerTextAsync();
        return long.Parse(text, NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"));
    }

    [Fact]
    public async Task Page_loads_without_console_errors_and_maps_the_22_authorities()
    {
        var footprints = _page.Locator("#map g.footprint");
        await Expect(footprints).ToHaveCountAsync(22);
        // Every area is coloured and labelled with its value, and Cardiff (seeded highest) is darkest.
        await Expect(_page.Locator("#map g.footprint[aria-label*='per 100,000']")).ToHaveCountAsync(22);
        await Expect(_page.Locator("#map g.footprint[data-id='la:cardiff']"))
            .ToHaveAttributeAsync("aria-label", new Regex(@"^Cardiff: [\d.,]+ per 100,000 \([\d,]+\)$"));
        var (from, to) = DashboardFixture.DefaultPeriod();
        await Expect(_page.Locator("#from")).ToHaveValueAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(_page.Locator("#to")).ToHaveValueAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Seeded.Values.Sum(), await SelectedCountAsync());
        await Expect(_page.Locator("#chart rect.bar")).ToHaveCountAsync(12);
        await Expect(_page.Locator("#legend .swatch")).ToHaveCountAsync(7);
        await Expect(_page.Locator("footer")).ToContainTextAsync(
            "Contains public sector information licensed under the Open Government Licence v3.0.");
        // The comparison table has rendered (22 authorities and Wales) before the screenshot.
        await Expect(_page.Locator("#comparison-table tbody tr")).ToHaveCountAsync(23);
        await Expect(_page.Locator("#alerts-panel")).ToBeVisibleAsync();
        // Signed in: the partner view, listening live over SignalR with the key.
        await Expect(_page.Locator("#access-title")).ToHaveTextAsync("Partner view");
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("Live");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-la.png"), FullPage = true });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Switching_the_kind_to_regional_partnership_boards_shows_7_areas()
    {
        await _page.Locator("#kind").SelectOptionAsync("rpb");
        var footprints = _page.Locator("#map g.footprint");
        await Expect(footprints).ToHaveCountAsync(7);
        await Expect(_page.Locator("#map g.footprint[aria-label*='per 100,000']")).ToHaveCountAsync(7);
        // North Wales is the union of its six authorities' polygons.
        await Expect(_page.Locator("#map g.footprint[data-id='rpb:north-wales'] path.member")).ToHaveCountAsync(6);
        await _page.Locator("#map g.footprint[data-id='rpb:cardiff-and-vale']").ClickAsync();
        await Expect(_page.Locator("#selected-name")).ToHaveTextAsync("Cardiff and Vale");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-rpb.png"), FullPage = true });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_boundaries_switch_asks_for_as_was_figures_and_the_panel_says_when_a_footprint_began()
    {
        await _page.Locator("#kind").SelectOptionAsync("rpb");
        await _dashboard.WaitReadyAsync();
        await _page.Locator("#map g.footprint[data-id='rpb:west-glamorgan']").ClickAsync();
        await _dashboard.WaitReadyAsync();
        var current = await SelectedCountAsync();
        await Expect(_page.Locator("#footprint-life")).ToContainTextAsync("Began on 1 April 2019");
        await Expect(_page.Locator("#footprint-life")).ToContainTextAsync("today’s boundaries");

        _dashboard.ClearRecords();
        await _page.Locator("#footprint-boundaries").SelectOptionAsync("as-was");
        await _dashboard.WaitReadyAsync();
        Assert.Contains(_dashboard.ApiRequests, r => r.StartsWith("/api/v1/compare?", StringComparison.Ordinal) && r.Contains("boundaries=as-was", StringComparison.Ordinal));
        Assert.Contains(_dashboard.ApiRequests, r => r.Contains("/rpb%3Awest-glamorgan/series?", StringComparison.OrdinalIgnoreCase) && r.Contains("boundaries=as-was", StringComparison.Ordinal));
        // The seeded records all lie inside the board's life: the same count on either boundary.
        Assert.Equal(current, await SelectedCountAsync());
        await Expect(_page.Locator("#footprint-life")).Not.ToContainTextAsync("today’s boundaries");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_footprint_a_partnership_defined_is_offered_mapped_and_counted()
    {
        using (var defined = await fixture.Hub.Http.PostAsJsonAsync("/api/v1/footprints",
                   new { id = "custom:browser-valleys", name = "Browser valleys", members = new[] { "la:merthyr-tydfil", "la:caerphilly" } }))
            Assert.Equal(System.Net.HttpStatusCode.Created, defined.StatusCode);
        try
        {
            await using var again = await DashboardPage.OpenAsync(fixture);
            await again.SignInAsync(fixture.Hub.AdminKey);
            await again.Page.Locator("#kind").SelectOptionAsync("custom");
            await again.WaitReadyAsync();
            var valleys = again.Page.Locator("#map g.footprint[data-id='custom:browser-valleys']");
            await Expect(valleys.Locator("path.member")).ToHaveCountAsync(2);
            var expected = (fixture.Seeded["W06000024"] + fixture.Seeded["W06000018"]).ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
            await Expect(valleys).ToHaveAttributeAsync("aria-label", new Regex(@"^Browser valleys: [\d.,]+ per 100,000 \(" + Regex.Escape(expected) + @"\)$"));
            again.AssertNoConsoleErrors();
        }
        finally
        {
            using var deleted = await fixture.Hub.Http.DeleteAsync("/api/v1/footprints/custom:browser-valleys");
        }
    }

    [Fact]
    public async Task Posted_records_change_the_selected_count_without_a_reload()
    {
        // Extend the period to today, so that records dated today count.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _page.Locator("#to").FillAsync(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        var (from, _) = DashboardFixture.DefaultPeriod();
        var before = await fixture.WalesTotalAsync(from, DateOnly.FromDateTime(now.UtcDateTime));
        await Expect(_page.Locator("#selected-count")).ToHaveTextAsync(before.ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        await _page.EvaluateAsync("() => { window.__notReloaded = true; }");

        var run = Guid.NewGuid().ToString("N")[..8];
        await fixture.PostCrimesAsync(Enumerable.Range(1, 3).Select(i =>
            ($"b-{run}-{i}", now, "W06000015", "violence-with-injury")));

        await Expect(_page.Locator("#selected-count"))
            .ToHaveTextAsync((before + 3).ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        // The map's values follow (debounced refetch): Cardiff's label shows its new count.
        var cardiff = (fixture.Seeded["W06000015"] + 3).ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(_page.Locator("#map g.footprint[data-id='la:cardiff']"))
            .ToHaveAttributeAsync("aria-label", new Regex(@"\(" + Regex.Escape(cardiff) + @"\)$"));
        Assert.True(await _page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Keyboard_Tab_reaches_a_map_footprint_and_Enter_selects_it()
    {
        string? focused = null;
        for (var i = 0; i < 40 && focused is null; i++)
        {
            await _page.Keyboard.PressAsync("Tab");
            focused = await _page.EvaluateAsync<string?>(
                "() => document.activeElement?.matches('#map g.footprint') ? document.activeElement.dataset.id : null");
        }
        Assert.NotNull(focused);
        Assert.Equal("la:isle-of-anglesey", focused);
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("#selected-name")).ToHaveTextAsync("Isle of Anglesey");
        await Expect(_page.Locator($"#map g.footprint[data-id='{focused}']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(_page.Locator("#selected-count"))
            .ToHaveTextAsync(fixture.Seeded["W06000001"].ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        AssertNoConsoleErrors();
    }

    private async Task AssertComparisonRowsAsync(int footprints)
    {
        var rows = _page.Locator("#comparison-table tbody tr");
        await Expect(rows).ToHaveCountAsync(footprints + 1);
        // The last row is the benchmark, Wales, with no comparison of its own.
        await Expect(rows.Last).ToHaveAttributeAsync("data-footprint", "nation:wales");
        await Expect(rows.Last).ToHaveAttributeAsync("data-comparison", "benchmark");
        var comparisons = await _page.Locator("#comparison-table tbody tr:not(.benchmark)")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.comparison)");
        Assert.Equal(footprints, comparisons.Length);
        Assert.All(comparisons, c => Assert.Contains(c, new[] { "higher", "similar", "lower" }));
        // Each comparison is written out as text, not only shown as a colour.
        var texts = await _page.Locator("#comparison-table tbody tr:not(.benchmark) td:last-child")
            .EvaluateAllAsync<string[]>("cells => cells.map(c => c.textContent.trim())");
        Assert.All(texts, t => Assert.Matches("(Higher|Similar|Lower)$", t));
    }

    [Fact]
    public async Task The_comparison_table_lists_every_footprint_of_the_kind_and_Wales()
    {
        var table = _page.Locator("#comparison-table");
        await Expect(table.Locator("caption")).ToContainTextAsync("compared with Wales");
        await Expect(table.Locator("thead th[scope='col']")).ToHaveCountAsync(5);
        await AssertComparisonRowsAsync(22);
        await Expect(table.Locator("tr[data-footprint='la:cardiff'] th[scope='row']")).ToHaveTextAsync("Cardiff");

        await _page.Locator("#kind").SelectOptionAsync("rpb");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await AssertComparisonRowsAsync(7);
        await Expect(table.Locator("tr[data-footprint='rpb:north-wales']")).ToHaveCountAsync(1);
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_feed_health_panel_names_an_authority_whose_last_month_is_missing()
    {
        // 999 calls in Wrexham in each of the 12 months before the last complete one, and none in it.
        var (_, to) = DashboardFixture.DefaultPeriod();
        var lastMonth = new DateOnly(to.Year, to.Month, 1);
        var body = new System.Text.StringBuilder();
        for (var m = 1; m <= 12; m++)
            for (var i = 0; i < 3; i++)
                body.Append(CultureInfo.InvariantCulture,
                    $"{{\"id\":\"health-{m}-{i}\",\"occurredAt\":\"{lastMonth.AddMonths(-m).AddDays(i):yyyy-MM-dd}T12:00:00Z\",\"area\":\"W06000006\",\"category\":\"crime\"}}\n");
        using (var content = new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/x-ndjson"))
        using (var response = await fixture.Hub.Http.PostAsync("/api/v1/feeds/calls/records", content))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var missing = _page.Locator("#feed-health-list li[data-feed='calls'] [data-status='missing']");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await _page.ReloadAsync();
            await _dashboard.WaitReadyAsync();
            if (await missing.CountAsync() > 0) break;
        } while (DateTime.UtcNow < deadline);
        await Expect(_page.Locator("#feed-health-panel")).ToBeVisibleAsync();
        await Expect(_page.Locator("#feed-health-month")).ToHaveTextAsync($"{lastMonth:yyyy-MM}");
        await Expect(missing).ToHaveTextAsync("missing: Wrexham");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_alerts_panel_shows_alerts_or_its_empty_state()
    {
        var panel = _page.Locator("#alerts-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("h2")).ToHaveTextAsync("Alerts");
        await Expect(panel.Locator("#alerts-list")).ToHaveAttributeAsync("aria-live", "polite");
        var items = await panel.Locator("#alerts-list li").CountAsync();
        Assert.InRange(items, 0, 10);
        if (items == 0)
            await Expect(panel.Locator("#alerts-empty")).ToHaveTextAsync("No alerts");
        else
            await Expect(panel.Locator("#alerts-empty")).ToBeHiddenAsync();
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task An_alert_withdrawn_after_its_records_are_cancelled_is_marked_withdrawn_in_the_panel()
    {
        // 80 violent crimes today in Swansea: Wales's week alarms, and the alert arrives live (sweeps every 15 s).
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 80).Select(i => $"aw-{run}-{i}").ToList();
        await fixture.PostCrimesAsync(ids.Select(id => (id, now, "W06000011", "violence-with-injury")));
        // Wales's own alert, whatever its count: the live-count test may have added crimes today too.
        var alert = _page.Locator("#alerts-list li", new PageLocatorOptions { HasText = "Wales — violence against the person" })
            .Filter(new LocatorFilterOptions { HasTextRegex = new Regex(@"\d+ against a threshold") });
        await Expect(alert).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        await Expect(alert).Not.ToHaveClassAsync(new Regex("withdrawn"));

        // Cancelled at source: the alert stays in the list, marked withdrawn in words, with the reason.
        var cancel = new System.Text.StringBuilder();
        foreach (var id in ids)
            cancel.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{id}\",\"occurredAt\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"area\":\"W06000011\",\"category\":\"violence-with-injury\",\"version\":2,\"status\":\"cancelled\"}}\n");
        using (var content = new StringContent(cancel.ToString(), System.Text.Encoding.UTF8, "application/x-ndjson"))
        using (var response = await fixture.Hub.Http.PostAsync("/api/v1/feeds/crime/records", content))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await Expect(alert).ToHaveClassAsync(new Regex("withdrawn"), new LocatorAssertionsToHaveClassOptions { Timeout = 60_000 });
        await Expect(alert.Locator(".alert-withdrawn")).ToContainTextAsync(new Regex(@"^Withdrawn .*: no longer exceeds: count \d, threshold "));
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_language_toggle_shows_Welsh_names()
    {
        await _page.Locator("label[for='lang-cy']").ClickAsync();
        await Expect(_page.Locator("#map g.footprint[data-id='la:isle-of-anglesey']"))
            .ToHaveAttributeAsync("aria-label", new Regex("^Ynys Môn: "));
        await Expect(_page.Locator("#comparison-table tr[data-footprint='la:isle-of-anglesey'] th")).ToHaveTextAsync("Ynys Môn");
        await _page.Locator("label[for='lang-en']").ClickAsync();
        await Expect(_page.Locator("#map g.footprint[data-id='la:isle-of-anglesey']"))
            .ToHaveAttributeAsync("aria-label", new Regex("^Isle of Anglesey: "));
        AssertNoConsoleErrors();
    }
}
