using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AnalysisHub.Browser.Tests;

/// <summary>
/// One browser context on the dashboard, recording what the page logs as errors and every request it makes (HTTP
/// with its headers, and WebSocket URLs), so tests can say which routes a mode reads and where the key travels.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<SentRequest> _requests = [];
    private readonly List<string> _webSockets = [];

    private DashboardPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>An HTTP request as sent: its URL and headers (names in lower case).</summary>
    public sealed record SentRequest(string Url, IReadOnlyDictionary<string, string> Headers);

    /// <summary>Opens <c>/</c> in a new context and waits until the page is ready (in public mode: no key stored yet).</summary>
    public static Task<DashboardPage> OpenAsync(DashboardFixture fixture) => OpenAsync(fixture.Browser, fixture.Hub.BaseAddress);

    /// <summary>Opens <paramref name="path"/> of the hub at <paramref name="hub"/> (one of the test's own) and waits until the page is ready.</summary>
    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri hub, string path = "/")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hub.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        // Anything the Content-Security-Policy blocks is reported as a console error, so no test passes over one.
        await context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", (e) =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
            """);
        var page = new DashboardPage(context, await context.NewPageAsync());
        page.Page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (page._consoleErrors) page._consoleErrors.Add(message.Text);
        };
        page.Page.PageError += (_, error) => { lock (page._consoleErrors) page._consoleErrors.Add("page error: " + error); };
        page.Page.Request += (_, request) =>
        {
            // Headers as sent (AllHeadersAsync) need a round trip; the synchronous ones suffice for X-Api-Key.
            var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
            lock (page._requests) page._requests.Add(new SentRequest(request.Url, headers));
        };
        page.Page.WebSocket += (_, socket) => { lock (page._webSockets) page._webSockets.Add(socket.Url); };
        await page.Page.GotoAsync(path);
        await page.WaitReadyAsync();
        return page;
    }

    /// <summary>Waits for body[data-ready="true"]: nothing loading or subscribing.</summary>
    public Task WaitReadyAsync() => Expect(Page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

    /// <summary>Pastes the key into the sign-in form and submits it; waits for the partner view to be ready.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.Locator("#api-key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with an API key" }).ClickAsync();
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-mode", "partner");
        await WaitReadyAsync();
    }

    public IReadOnlyList<SentRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public IReadOnlyList<string> WebSockets
    {
        get { lock (_webSockets) return [.. _webSockets]; }
    }

    public void ClearRecords()
    {
        lock (_requests) _requests.Clear();
        lock (_webSockets) _webSockets.Clear();
    }

    /// <summary>The paths (and queries) of the requests to the API, in the order sent.</summary>
    public IReadOnlyList<string> ApiRequests =>
        Requests.Select(r => new Uri(r.Url)).Where(u => u.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            .Select(u => u.PathAndQuery).ToList();

    /// <summary>Fails on any console error but the browser's own report of a response with an expected status.</summary>
    public void AssertNoConsoleErrors(params int[] expectedStatuses)
    {
        lock (_consoleErrors)
        {
            var unexpected = _consoleErrors.Where(e => !expectedStatuses.Any(status =>
                Regex.IsMatch(e, $@"^Failed to load resource: the server responded with a status of {status}\b"))).ToList();
            Assert.True(unexpected.Count == 0, "console errors:\n" + string.Join("\n", unexpected));
        }
    }

    public static string Screenshot(string name)
    {
        Directory.CreateDirectory(DashboardFixture.ScreenshotDirectory);
        return Path.Combine(DashboardFixture.ScreenshotDirectory, name);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
