using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>Signing in with an API key, signing out, and keys the hub refuses.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture) : IAsyncLifetime
{
    private DashboardPage _dashboard = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardPage.OpenAsync(fixture);
        _page = _dashboard.Page;
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    private Task<string?> StoredKeyAsync() => _page.EvaluateAsync<string?>("() => sessionStorage.getItem('analysishub.apiKey')");

    /// <summary>The key is in no URL the page asked for, except as access_token on the live hub's WebSocket/SSE.</summary>
    private void AssertKeyOnlyInLiveStreamUrls(string key)
    {
        foreach (var url in _dashboard.Requests.Select(r => r.Url).Concat(_dashboard.WebSockets))
        {
            if (!url.Contains(key, StringComparison.Ordinal)) continue;
            var uri = new Uri(url);
            Assert.True(uri.AbsolutePath == "/hubs/live" && uri.Query.Contains("access_token=" + Uri.EscapeDataString(key), StringComparison.Ordinal),
                $"the key appears in {uri.GetLeftPart(UriPartial.Path)}");
        }
    }

    [Fact]
    public async Task Signing_in_with_a_read_partner_key_shows_the_partner_view_alerts_and_live_updates()
    {
        await _dashboard.SignInAsync(fixture.PartnerKey);
        await Expect(_page.Locator("#access-title")).ToHaveTextAsync("Partner view");
        await Expect(_page.Locator("#partner-note")).ToBeVisibleAsync();
        await Expect(_page.Locator("#sign-in")).ToBeHiddenAsync();
        await Expect(_page.Locator("#alerts-panel")).ToBeVisibleAsync();
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("Live");
        await Expect(_page.Locator("#comparison-table tbody tr")).ToHaveCountAsync(23);
        await Expect(_page.Locator("#bulletin")).ToBeHiddenAsync(); // a plain link to a partner route could not carry the key
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        // Focus moved to the control that replaced the form.
        Assert.Equal("sign-out", await _page.EvaluateAsync<string>("() => document.activeElement?.id"));

        // Kept for the tab only, and not left in the page.
        Assert.Equal(fixture.PartnerKey, await StoredKeyAsync());
        Assert.Equal(0, await _page.EvaluateAsync<int>("() => localStorage.length"));
        await Expect(_page.Locator("#api-key")).ToHaveValueAsync("");
        Assert.DoesNotContain(fixture.PartnerKey, _page.Url, StringComparison.Ordinal);

        // The partner routes, each with the key in X-Api-Key; the live hub over a WebSocket with access_token.
        var api = _dashboard.Requests.Where(r => new Uri(r.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)
            && r.Headers.ContainsKey("x-api-key")).ToList();
        Assert.Contains(api, r => new Uri(r.Url).AbsolutePath == "/api/v1/alerts");
        Assert.Contains(api, r => new Uri(r.Url).AbsolutePath == "/api/v1/compare");
        Assert.All(api, r => Assert.Equal(fixture.PartnerKey, r.Headers["x-api-key"]));
        Assert.Contains(_dashboard.WebSockets, u => new Uri(u).AbsolutePath == "/hubs/live");
        AssertKeyOnlyInLiveStreamUrls(fixture.PartnerKey);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.Screenshot("dashboard-signed-in.png"), FullPage = true });
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Signing_out_returns_to_the_public_view_and_clears_sessionStorage()
    {
        await _dashboard.SignInAsync(fixture.Hub.AdminKey);
        await Expect(_page.Locator("#alerts-panel")).ToBeVisibleAsync();
        _dashboard.ClearRecords();

        await _page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#access-title")).ToHaveTextAsync("Public view");
        await Expect(_page.Locator("#access-message")).ToContainTextAsync("Signed out");
        await Expect(_page.Locator("#alerts-panel")).ToBeHiddenAsync();
        await Expect(_page.Locator("#connection")).ToContainTextAsync("Public view");
        Assert.Null(await StoredKeyAsync());
        Assert.Equal(0, await _page.EvaluateAsync<int>("() => sessionStorage.length"));
        Assert.Equal("api-key", await _page.EvaluateAsync<string>("() => document.activeElement?.id"));
        await Expect(_page.Locator("#comparison-table tbody tr")).ToHaveCountAsync(23);

        // From here on only the public routes, without the key.
        Assert.NotEmpty(_dashboard.ApiRequests);
        Assert.All(_dashboard.ApiRequests, r => Assert.Matches(@"^/api/v1/public/", r));
        Assert.DoesNotContain(_dashboard.Requests, r => r.Headers.ContainsKey("x-api-key"));
        AssertKeyOnlyInLiveStreamUrls(fixture.Hub.AdminKey);
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_bad_key_is_refused_with_a_message_and_the_page_stays_public()
    {
        await _page.Locator("#api-key").FillAsync("not-a-key-the-hub-knows");
        await _page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with an API key" }).ClickAsync();
        var message = _page.Locator("#access-message");
        await Expect(message).ToContainTextAsync("The hub refused this key");
        await Expect(message).ToHaveAttributeAsync("role", "alert");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        await Expect(_page.Locator("#alerts-panel")).ToBeHiddenAsync();
        Assert.Null(await StoredKeyAsync());
        AssertKeyOnlyInLiveStreamUrls("not-a-key-the-hub-knows");
        // The browser reports the refused check (401) itself; nothing else may fail.
        _dashboard.AssertNoConsoleErrors(401);
    }

    [Fact]
    public async Task A_key_without_read_partner_is_refused_with_a_message()
    {
        var writer = await fixture.CreateKeyAsync("police feed", "ingest:crime");
        await _page.Locator("#api-key").FillAsync(writer.Key);
        await _page.Locator("#api-key").PressAsync("Enter");
        await Expect(_page.Locator("#access-message")).ToContainTextAsync("lacks the read:partner scope");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        Assert.Null(await StoredKeyAsync());
        _dashboard.AssertNoConsoleErrors(403);
    }

    [Fact]
    public async Task A_key_revoked_after_sign_in_drops_the_page_back_to_the_public_view()
    {
        var key = await fixture.CreateKeyAsync("short-lived analyst", "read:partner");
        await _dashboard.SignInAsync(key.Key);
        await fixture.RevokeKeyAsync(key.Id);

        // The next request carries the revoked key: 401, and the page says so and shows the public view.
        await _page.Locator("#kind").SelectOptionAsync("rpb");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        await Expect(_page.Locator("#access-message")).ToContainTextAsync("no longer accepted");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#alerts-panel")).ToBeHiddenAsync();
        await Expect(_page.Locator("#comparison-table tbody tr")).ToHaveCountAsync(8);
        await Expect(_page.Locator("#message")).ToBeHiddenAsync();
        Assert.Null(await StoredKeyAsync());
        _dashboard.AssertNoConsoleErrors(401);
    }

    [Fact]
    public async Task The_sign_in_stays_for_a_reload_of_the_tab()
    {
        await _dashboard.SignInAsync(fixture.PartnerKey);
        await _page.ReloadAsync();
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "partner");
        await _dashboard.WaitReadyAsync();
        await Expect(_page.Locator("#alerts-panel")).ToBeVisibleAsync();
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("Live");
        AssertKeyOnlyInLiveStreamUrls(fixture.PartnerKey);
        _dashboard.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Signing_in_and_out_works_from_the_keyboard()
    {
        // The key field is the first thing Tab reaches.
        await _page.Keyboard.PressAsync("Tab");
        Assert.Equal("api-key", await _page.EvaluateAsync<string>("() => document.activeElement?.id"));
        await _page.Keyboard.TypeAsync(fixture.PartnerKey);
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "partner");
        await _dashboard.WaitReadyAsync();
        Assert.Equal("sign-out", await _page.EvaluateAsync<string>("() => document.activeElement?.id"));
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-mode", "public");
        await _dashboard.WaitReadyAsync();
        Assert.Equal("api-key", await _page.EvaluateAsync<string>("() => document.activeElement?.id"));
        _dashboard.AssertNoConsoleErrors();
    }
}
