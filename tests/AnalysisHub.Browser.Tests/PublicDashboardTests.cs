using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>The dashboard with no key: the public view, from the disclosure-controlled routes only.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class PublicDashboardTests(DashboardFixture fixture) : IAsyncLifetime
{
    private DashboardPage _dashboard = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardPage.OpenAsync(fixture);
        _page = _dashboard.Page;
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    /// <summary>The routes anyone may read: the public products, and the metadata (feeds, flags, footprints and their extents).</summary>
    [GeneratedRegex(@"^/api/v1/(public/.+|feeds|flags|footprints(/[^/]+(/extent)?)?)$")]
    private static partial Regex AnonymousRoute();

    private void AssertOnlyAnonymousRoutes()
    {
        var requests = _dashboard.ApiRequests;
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Matches(AnonymousRoute(), r.Split('?')[0]));
        Assert.DoesNotContain(_dashboard.Requests, r => new Uri(r.Url).AbsolutePath.StartsWith("/hubs/", StringComparison.Ordinal));
        Assert.Empty(_dashboard.WebSockets);
        Assert.DoesNotContain(_dashboard.Requests, r => r.Headers.ContainsKey("x-api-key") || r.Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task The_public_view_loads_without_console_errors_and_says_it_is_public()
    {
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        await Expect(_page.Locator("#access-title")).ToHaveTextAsync("Public view");
        await Expect(_page.Locator("#public-note")).ToContainTextAsync("disclosure-controlled");
        await Expect(_page.Locator("#public-note")).ToContainTextAsync("“<5”");
        await Expect(_page.Locator("#connection")).ToContainTextAsync("Public view");
        // The sign-in form: a labelled password field and a submit button, no inline handlers.
        var input = _page.GetByLabel("API key", new PageGetByLabelOptions { Exact = true });
        await Expect(input).ToHaveAttributeAsync("type", "password");
        await Expect(_page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with an API key" })).ToBeVisibleAsync();
        // The markup as served needs nothing the Content-Security-Policy refuses: no inline script, style or handler.
        var markup = await (await _page.APIRequest.GetAsync("/")).TextAsync();
        Assert.DoesNotMatch(new Regex(@"<style|\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)", RegexOptions.IgnoreCase), markup);
        await Expect(_page.Locator("#sign-out")).ToBeHiddenAsync();
        // No alerts in the public view, and none asked for.
        await Expect(_page.Locator("#alerts-panel")).ToBeHiddenAsync();
        Assert.DoesNotContain(_dashboard.ApiRequests, r => r.StartsWith("/api/v1/alerts", StringComparison.Ordinal));
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        // Public figures are on today's boundaries only: the switch is there, and off.
        await Expect(_page.Locator("#footprint-boundaries")).ToBeDisabledAsync();
        Assert.DoesNotContain(_dashboard.ApiRequests, r => r.Contains("boundaries=", StringComparison.Ordinal));
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.Screenshot("dashboard-public.png"), FullPage = true });
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_map_and_the_comparison_work_from_the_public_routes()
    {
        await Expect(_page.Locator("#map g.footprint")).ToHaveCountAsync(22);
        await Expect(_page.Locator("#map g.footprint[aria-label*='per 100,000']")).ToHaveCountAsync(22);
        var cardiff = fixture.Seeded["W06000015"].ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(_page.Locator("#map g.footprint[data-id='la:cardiff']"))
            .ToHaveAttributeAsync("aria-label", new Regex(@"^Cardiff: [\d.,]+ per 100,000 \(" + Regex.Escape(cardiff) + @"\)$"));
        await Expect(_page.Locator("#legend .swatch")).ToHaveCountAsync(7);
        // Wales: every month well above 5, so its total is published.
        await Expect(_page.Locator("#selected-count"))
            .ToHaveTextAsync(fixture.Seeded.Values.Sum().ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        await Expect(_page.Locator("#chart rect.bar")).ToHaveCountAsync(12);

        var rows = _page.Locator("#comparison-table tbody tr");
        await Expect(rows).ToHaveCountAsync(23);
        await Expect(rows.Last).ToHaveAttributeAsync("data-comparison", "benchmark");
        var comparisons = await _page.Locator("#comparison-table tbody tr:not(.benchmark)")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.comparison)");
        Assert.All(comparisons, c => Assert.Contains(c, new[] { "higher", "similar", "lower", "not-compared" }));
        await Expect(_page.Locator("#disclosure-note")).ToContainTextAsync("Counts of 1 to 4 are shown as \"<5\"");

        await _page.Locator("#kind").SelectOptionAsync("rpb");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#map g.footprint[aria-label*='per 100,000']")).ToHaveCountAsync(7);
        await Expect(rows).ToHaveCountAsync(8);
        await _page.Locator("#map g.footprint[data-id='rpb:cardiff-and-vale']").ClickAsync();
        await Expect(_page.Locator("#selected-name")).ToHaveTextAsync("Cardiff and Vale");
        await _dashboard.WaitReadyAsync();

        AssertOnlyAnonymousRoutes();
        Assert.Contains(_dashboard.ApiRequests, r => r.StartsWith("/api/v1/public/compare?", StringComparison.Ordinal));
        Assert.Contains(_dashboard.ApiRequests, r => Regex.IsMatch(r, @"^/api/v1/public/footprints/rpb(%3A|:)cardiff-and-vale/series\?"));
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_public_bulletin_link_opens_a_styled_page_the_security_policy_allows()
    {
        await _page.Locator("#map g.footprint[data-id='la:cardiff']").ClickAsync();
        await _dashboard.WaitReadyAsync();
        var link = _page.Locator("#bulletin-link");
        await Expect(link).ToContainTextAsync("Weekly violence bulletin for Cardiff");
        var href = await link.GetAttributeAsync("href");
        Assert.Matches(@"^/api/v1/public/footprints/la%3Acardiff/bulletin\?week=\d{4}-W\d{2}&format=html$", href);

        var response = await _page.GotoAsync(href!);
        Assert.Equal(200, response!.Status);
        await Expect(_page.Locator("h1")).ToContainTextAsync("Weekly violence bulletin: Cardiff");
        // Styled by the hub's own stylesheet: the policy (style-src 'self') would refuse an inline <style>.
        Assert.Equal("collapse", await _page.Locator("table").First.EvaluateAsync<string>("t => getComputedStyle(t).borderCollapse"));
        AssertOnlyAnonymousRoutes();
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Small_counts_show_as_the_public_routes_publish_them_never_as_zero()
    {
        // Isle of Anglesey has 2 records in some months: "<5" in its chart, and its total withheld beside them.
        await _page.Locator("#map g.footprint[data-id='la:isle-of-anglesey']").ClickAsync();
        await Expect(_page.Locator("#selected-name")).ToHaveTextAsync("Isle of Anglesey");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#selected-count")).ToHaveTextAsync("withheld");
        await Expect(_page.Locator("#period-note")).ToContainTextAsync("withheld");
        Assert.True(await _page.Locator("#chart rect.bar.withheld").CountAsync() > 0, "no withheld month in the chart");
        await Expect(_page.Locator("#chart text.value.withheld").First).ToHaveTextAsync("<5");

        // One month of burglary: small counts by authority. Each shows as the hub published it, checked against
        // what the partner route says the count is.
        var (from, _) = DashboardFixture.DefaultPeriod();
        var to = from.AddMonths(1).AddDays(-1);
        await _page.Locator("#category").SelectOptionAsync("burglary");
        await _dashboard.WaitReadyAsync();
        await _page.Locator("#to").FillAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await _dashboard.WaitReadyAsync();
        var partner = await fixture.Hub.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/compare?kind=la&feed=crime&category=burglary&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var small = 0;
        foreach (var row in partner.GetProperty("rows").EnumerateArray())
        {
            var id = row.GetProperty("footprint").GetString()!;
            var count = row.GetProperty("count").GetInt64();
            var tr = _page.Locator($"#comparison-table tr[data-footprint='{id}']");
            var shown = tr.Locator("td").Nth(0);
            if (count is >= 1 and <= 4)
            {
                small++;
                await Expect(shown).ToHaveTextAsync("<5");
                await Expect(tr.Locator("td").Nth(1)).ToHaveTextAsync("withheld");
                await Expect(tr.Locator("td").Last).ToHaveTextAsync("Not compared");
                await Expect(_page.Locator($"#map g.footprint[data-id='{id}']"))
                    .ToHaveAttributeAsync("aria-label", new Regex(@": rate withheld \(count <5\)$"));
            }
            else
                await Expect(shown).ToHaveTextAsync(new Regex("^(" + count.ToString("N0", CultureInfo.GetCultureInfo("en-GB")) + @"|\*)$"));
        }
        Assert.True(small > 0, "the seeded data gave no count of 1 to 4 to check");
        await Expect(_page.Locator("#legend .swatch.withheld")).ToHaveCountAsync(1);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.Screenshot("dashboard-public-small-counts.png"), FullPage = true });
        AssertOnlyAnonymousRoutes();
        _dashboard.AssertNoConsoleErrors();
    }
}
