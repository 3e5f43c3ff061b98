using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>
/// The "Public confidence" view (issue 15, item 7): the survey indicator mapped and tabulated against Wales, and a
/// footprint's trend with its target trajectory and published figures, for partners and, withheld where too few
/// answered, for the public. Figures are checked against what the API itself answers.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ConfidenceViewTests(DashboardFixture fixture) : IAsyncLifetime
{
    private const string Indicator = "police-and-council-dealing-with-issues";
    private const string Force = "force:south-wales";
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static bool _seeded;

    /// <summary>
    /// Responses a year for each authority surveyed: Gwynedd's 20 are under the public minimum of 50, the others
    /// over it. Every other authority has none. (Cardiff and Swansea lie in the South Wales police force area.)
    /// </summary>
    private static readonly (string Code, string Id, int PerYear, int[] AgreePercentByYear)[] Surveyed =
    [
        ("W06000015", "la:cardiff", 120, [58, 50, 44]),
        ("W06000011", "la:swansea", 90, [40, 46, 48]),
        ("W06000022", "la:newport", 70, [62, 60, 55]),
        ("W06000002", "la:gwynedd", 20, [50, 50, 50]),
    ];

    private DashboardPage _dashboard = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        await SeedOnceAsync();
        _dashboard = await DashboardPage.OpenAsync(fixture);
        _page = _dashboard.Page;
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The survey's answers over three years (for the trend and the previous-period change), a target and a published figure.</summary>
    private async Task SeedOnceAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (_seeded) return;
            var (from, _) = DashboardFixture.DefaultPeriod();
            string[] others = ["neither-agree-nor-disagree", "tend-to-disagree", "strongly-disagree", "dont-know"];
            var body = new StringBuilder();
            foreach (var (code, _, perYear, agree) in Surveyed)
                for (var year = 0; year < 3; year++)
                {
                    var agreeing = perYear * agree[year] / 100;
                    for (var i = 0; i < perYear; i++)
                    {
                        var day = from.AddYears(-year).AddDays(i * 360 / perYear);
                        var answer = i < agreeing ? (i % 2 == 0 ? "strongly-agree" : "tend-to-agree") : others[i % others.Length];
                        // Weights from 0.5 to 1.25, so the weighted percent differs from the share of responses.
                        var weight = (0.5 + i % 4 * 0.25).ToString(CultureInfo.InvariantCulture);
                        body.Append(CultureInfo.InvariantCulture,
                            $"{{\"id\":\"conf-{code}-{year}-{i}\",\"occurredAt\":\"{Day(day)}T12:00:00Z\",\"area\":\"{code}\",\"category\":\"{answer}\",\"weight\":{weight}}}\n");
                    }
                }
            using (var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"))
            using (var response = await fixture.Hub.Http.PostAsync("/api/v1/feeds/confidence-survey/records", content))
                Assert.True(response.IsSuccessStatusCode, $"survey ingest failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            // The footprint grains aggregate after a short debounce: wait until Wales has every year's responses.
            var expected = Surveyed.Sum(s => s.PerYear);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            for (var year = 0; year < 3; year++)
            {
                var url = $"/api/v1/indicators/{Indicator}/footprints/nation:wales?from={Day(from.AddYears(-year))}&to={Day(from.AddYears(1 - year).AddDays(-1))}";
                while ((await fixture.Hub.Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("unweightedBase").GetInt64() != expected)
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"survey responses not aggregated:\n{fixture.Hub.Output}");
                    await Task.Delay(100);
                }
            }

            // South Wales's target: a baseline the year before the default period, milestones after it.
            var (_, to) = DashboardFixture.DefaultPeriod();
            using (var put = await fixture.Hub.Http.PutAsync($"/api/v1/indicators/{Indicator}/targets/{Force}", new StringContent(
                       $$"""
                         {"baseline": {"from": "{{Day(from.AddYears(-1))}}", "to": "{{Day(from.AddDays(-1))}}", "percent": 45},
                          "milestones": [{"date": "{{Day(to.AddMonths(6))}}", "percent": 50}, {"date": "{{Day(to.AddMonths(18))}}", "percent": 55}]}
                         """, Encoding.UTF8, "application/json")))
                Assert.True(put.IsSuccessStatusCode, $"target refused: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            var published = $$"""
                {"footprint": "{{Force}}", "from": "{{Day(from.AddYears(-1))}}", "to": "{{Day(from.AddDays(-1))}}", "percent": 47.5, "unweightedBase": 400, "source": "National Survey for Wales"}

                """;
            using (var content = new StringContent(published, Encoding.UTF8, "application/x-ndjson"))
            using (var post = await fixture.Hub.Http.PostAsync($"/api/v1/indicators/{Indicator}/published", content))
                Assert.True(post.IsSuccessStatusCode, $"published figure refused: {(int)post.StatusCode} {await post.Content.ReadAsStringAsync()}");
            _seeded = true;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task OpenConfidenceViewAsync(string kind = "la")
    {
        if (kind != "la") await _page.Locator("#kind").SelectOptionAsync(kind);
        await _page.Locator("#view").SelectOptionAsync("confidence");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#confidence-view")).ToBeVisibleAsync();
        await Expect(_page.Locator("#counts-view")).ToBeHiddenAsync();
    }

    private async Task<Dictionary<string, JsonElement>> CompareRowsAsync(string route, string kind)
    {
        var (from, to) = DashboardFixture.DefaultPeriod();
        using var http = route.StartsWith("/api/v1/public/", StringComparison.Ordinal) ? new HttpClient { BaseAddress = fixture.Hub.BaseAddress } : null;
        var body = await (http ?? fixture.Hub.Http).GetFromJsonAsync<JsonElement>($"{route}?kind={kind}&from={Day(from)}&to={Day(to)}");
        return body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
    }

    private static string Percent(JsonElement row) =>
        row.GetProperty("percent").GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public async Task The_confidence_view_shades_the_map_and_tabulates_the_percents_the_api_gives()
    {
        await _dashboard.SignInAsync(fixture.Hub.AdminKey);
        await OpenConfidenceViewAsync();
        await Expect(_page.Locator("#feed")).ToBeHiddenAsync();
        var rows = await CompareRowsAsync($"/api/v1/indicators/{Indicator}/compare", "la");

        var map = _page.Locator("#confidence-map g.footprint");
        await Expect(map).ToHaveCountAsync(22);
        await Expect(_page.Locator("#confidence-map g.footprint[aria-label*='% agree']")).ToHaveCountAsync(Surveyed.Length);
        await Expect(_page.Locator("#confidence-legend .swatch")).ToHaveCountAsync(7);
        foreach (var (_, id, perYear, _) in Surveyed)
        {
            var row = rows[id];
            // The map's label carries the percent, the interval, the base, the comparison and the change.
            await Expect(_page.Locator($"#confidence-map g.footprint[data-id='{id}']")).ToHaveAttributeAsync("aria-label",
                new Regex(@"^[\w ]+: " + Regex.Escape(Percent(row)) + @" agree \(95% interval [\d.]+% – [\d.]+%\); " +
                          Regex.Escape(perYear.ToString("N0", EnGb)) + @" responses; (higher than|similar to|lower than) Wales; change: "));
            var fill = await _page.Locator($"#confidence-map g.footprint[data-id='{id}'] path.member").First
                .EvaluateAsync<string>("p => getComputedStyle(p).fill");
            Assert.NotEqual("rgb(217, 217, 217)", fill);
            var tr = _page.Locator($"#confidence-table tbody tr[data-footprint='{id}']");
            await Expect(tr.Locator("td.percent")).ToHaveTextAsync(Percent(row));
            await Expect(tr.Locator("td.base")).ToHaveTextAsync(perYear.ToString("N0", EnGb));
            await Expect(tr).ToHaveAttributeAsync("data-comparison", row.GetProperty("comparison").GetString()!);
            await Expect(tr.Locator("td.change")).ToHaveAttributeAsync("data-direction",
                row.GetProperty("change").GetProperty("direction").GetString()!);
        }
        // An authority nobody answered in is grey and says so.
        await Expect(_page.Locator("#confidence-map g.footprint[data-id='la:powys']")).ToHaveAttributeAsync("aria-label", "Powys: no responses");
        // Every row, Wales last, with its interval drawn against the benchmark line.
        await Expect(_page.Locator("#confidence-table tbody tr")).ToHaveCountAsync(23);
        var wales = _page.Locator("#confidence-table tbody tr.benchmark");
        await Expect(wales).ToHaveAttributeAsync("data-footprint", "nation:wales");
        await Expect(wales.Locator("td.percent")).ToHaveTextAsync(Percent(rows["nation:wales"]));
        await Expect(_page.Locator("#confidence-table svg.interval rect.ci")).ToHaveCountAsync(Surveyed.Length + 1);
        await Expect(_page.Locator("#confidence-table svg.interval line.benchmark-line")).ToHaveCountAsync(23);
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        // Back to the counts: the rate map and the feed control return.
        await _page.Locator("#view").SelectOptionAsync("counts");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#confidence-view")).ToBeHiddenAsync();
        await Expect(_page.Locator("#feed")).ToBeVisibleAsync();
        await Expect(_page.Locator("#map g.footprint[aria-label*='per 100,000']")).ToHaveCountAsync(22);
        // Wales has no target: the list of targets says so, with no 404 in the console.
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_trend_of_a_force_with_a_target_draws_its_trajectory_milestones_and_published_figure()
    {
        await _dashboard.SignInAsync(fixture.Hub.AdminKey);
        await OpenConfidenceViewAsync("force");
        await Expect(_page.Locator("#confidence-map g.footprint")).ToHaveCountAsync(4);
        _dashboard.ClearRecords();
        await _page.Locator($"#confidence-map g.footprint[data-id='{Force}']").ClickAsync();
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#confidence-selected-name")).ToHaveTextAsync("South Wales");

        var chart = _page.Locator("#confidence-chart");
        await Expect(chart.Locator("circle.point")).ToHaveCountAsync(8);
        await Expect(chart.Locator("polygon.band")).ToHaveCountAsync(1);
        await Expect(chart.Locator("polyline.estimate")).ToHaveCountAsync(1);
        await Expect(chart.Locator("polyline.trajectory")).ToHaveCountAsync(1);
        await Expect(chart.Locator("path.baseline")).ToHaveCountAsync(1);
        await Expect(chart.Locator("path.milestone")).ToHaveCountAsync(2);
        var (from, to) = DashboardFixture.DefaultPeriod();
        await Expect(chart.Locator("path.milestone").Last).ToHaveAttributeAsync("data-date", Day(to.AddMonths(18)));
        await Expect(chart.Locator("rect.published")).ToHaveCountAsync(1);
        await Expect(chart.Locator("rect.published title")).ToHaveTextAsync(new Regex("^Published: 47.5%.*National Survey for Wales"));
        await Expect(_page.Locator("#confidence-target-key")).ToBeVisibleAsync();
        // The headline is the latest window, the default period: the figure the API gives South Wales for it.
        var figure = await fixture.Hub.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/indicators/{Indicator}/footprints/{Force}?from={Day(from)}&to={Day(to)}");
        await Expect(_page.Locator("#confidence-percent")).ToHaveTextAsync(Percent(figure));
        await Expect(_page.Locator("#confidence-base")).ToHaveTextAsync(figure.GetProperty("unweightedBase").GetInt64().ToString("N0", EnGb));
        // The trend keeps its requests modest: 8 windows, the target and the published figures.
        var trendRequests = _dashboard.ApiRequests.Where(r => r.StartsWith($"/api/v1/indicators/{Indicator}/", StringComparison.Ordinal)).ToList();
        Assert.InRange(trendRequests.Count, 1, 12);
        // The table lists published figures only for its own period, and this one is for the year before.
        await Expect(_page.Locator("#confidence-published-panel")).ToBeHiddenAsync();
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.Screenshot("confidence.png"), FullPage = true });
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_footprint_without_a_target_has_no_trajectory()
    {
        await _dashboard.SignInAsync(fixture.Hub.AdminKey);
        await OpenConfidenceViewAsync("force");
        await _page.Locator("#confidence-map g.footprint[data-id='force:gwent']").ClickAsync();
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#confidence-chart circle.point")).ToHaveCountAsync(8);
        await Expect(_page.Locator("#confidence-chart polyline.trajectory")).ToHaveCountAsync(0);
        await Expect(_page.Locator("#confidence-target-key")).ToBeHiddenAsync();
        // No target is an answer, not a failure.
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_public_confidence_view_shows_an_area_with_too_few_responses_as_withheld()
    {
        await OpenConfidenceViewAsync();
        var rows = await CompareRowsAsync($"/api/v1/public/indicators/{Indicator}/compare", "la");
        Assert.True(rows["la:gwynedd"].GetProperty("withheld").GetBoolean());

        var gwynedd = _page.Locator("#confidence-table tbody tr[data-footprint='la:gwynedd']");
        await Expect(gwynedd.Locator("td.percent")).ToHaveTextAsync("withheld");
        await Expect(gwynedd.Locator("td.interval-text")).ToHaveTextAsync("withheld");
        await Expect(gwynedd.Locator("td.change")).ToHaveTextAsync("withheld");
        await Expect(gwynedd.Locator("rect.ci")).ToHaveCountAsync(0);
        await Expect(_page.Locator("#confidence-map g.footprint[data-id='la:gwynedd']"))
            .ToHaveAttributeAsync("aria-label", new Regex("^Gwynedd: withheld"));
        await Expect(_page.Locator("#confidence-legend .swatch.withheld")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#confidence-disclosure")).ToBeVisibleAsync();
        await Expect(_page.Locator("#confidence-disclosure")).ToContainTextAsync("fewer than 50 responses are withheld");
        // Areas over the minimum are shown as the public route gives them.
        await Expect(_page.Locator("#confidence-table tbody tr[data-footprint='la:cardiff'] td.percent")).ToHaveTextAsync(Percent(rows["la:cardiff"]));

        // Wales's trend from the public figure route: every window rests on about 300 responses, so all are shown.
        await Expect(_page.Locator("#confidence-chart circle.point")).ToHaveCountAsync(8);
        await Expect(_page.Locator("#confidence-chart polyline.trajectory")).ToHaveCountAsync(0);

        // Only public routes are read: no target, published figure or partner figure without a key.
        var indicatorRequests = _dashboard.ApiRequests.Where(r => r.Contains("/indicators/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(indicatorRequests);
        Assert.All(indicatorRequests, r => Assert.StartsWith("/api/v1/public/indicators/", r));
        Assert.DoesNotContain(_dashboard.Requests, r => r.Headers.ContainsKey("x-api-key"));
        _dashboard.AssertNoConsoleErrors();
    }
}
