using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace AnalysisHub.Browser.Tests;

/// <summary>
/// One real hub (a separate process) with a year of seeded records, and one headless Debian Chromium driven by
/// Playwright, shared by the browser tests. Never downloads a browser: a missing /usr/bin/chromium fails the tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public HubProcess Hub { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>
    /// Where the tests save their screenshots: beside the test binaries, so a test run leaves tracked files as
    /// they were. <c>HUB_SCREENSHOTS</c> names another folder; <c>scripts/refresh-screenshots.sh</c> uses it to
    /// refresh the README's copies in docs/screenshots deliberately.
    /// </summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("HUB_SCREENSHOTS") is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The seeded records per authority code, all inside the dashboard's default period.</summary>
    public IReadOnlyDictionary<string, int> Seeded { get; private set; } = new Dictionary<string, int>();

    /// <summary>A key with read:partner only, as an analyst holds (the tests that are not about it sign in as admin).</summary>
    public string PartnerKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is required for the browser tests and was not found at {ChromiumPath}. " +
                "Install Debian's package: apt-get install -y chromium");
        await Hub.StartAsync();
        await SeedAsync();
        PartnerKey = (await CreateKeyAsync("analyst", "read:partner")).Key;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Hub.DisposeAsync();
    }

    /// <summary>Posts NDJSON crime records and fails on anything but 200.</summary>
    public async Task PostCrimesAsync(IEnumerable<(string Id, DateTimeOffset At, string Area, string Category)> records)
    {
        var body = new StringBuilder();
        foreach (var (id, at, area, category) in records)
            body.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{id}\",\"occurredAt\":\"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"area\":\"{area}\",\"category\":\"{category}\"}}\n");
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var response = await Hub.Http.PostAsync("/api/v1/feeds/crime/records", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ingest failed: {(int)response.StatusCode} {text}");
    }

    /// <summary>Issues a key through the admin API (as the hub's admin).</summary>
    public async Task<IssuedKey> CreateKeyAsync(string owner, params string[] scopes)
    {
        using var response = await Hub.Http.PostAsJsonAsync("/api/v1/admin/keys", new { owner, scopes });
        Assert.True(response.IsSuccessStatusCode, $"key not issued: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IssuedKey>())!;
    }

    public async Task RevokeKeyAsync(string id)
    {
        using var response = await Hub.Http.DeleteAsync($"/api/v1/admin/keys/{Uri.EscapeDataString(id)}");
        Assert.True(response.IsSuccessStatusCode, $"key not revoked: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public sealed record IssuedKey(string Id, string Key);

    /// <summary>Wales's crime total for a period, as the API reports it.</summary>
    public async Task<long> WalesTotalAsync(DateOnly from, DateOnly to)
    {
        var series = await Hub.Http.GetFromJsonAsync<SeriesTotal>(
            $"/api/v1/footprints/nation:wales/series?feed=crime&granularity=month&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return series!.Total;
    }

    /// <summary>The dashboard's default period: the last 12 complete months.</summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return (firstOfMonth.AddMonths(-12), firstOfMonth.AddDays(-1));
    }

    private sealed record SeriesTotal(long Total);

    /// <summary>A deterministic spread of records over the 22 authorities and the 12 months of the default period.</summary>
    private async Task SeedAsync()
    {
        var (from, to) = DefaultPeriod();
        var codes = new[]
        {
            "W06000001", "W06000002", "W06000003", "W06000004", "W06000005", "W06000006", "W06000008", "W06000009",
            "W06000010", "W06000011", "W06000012", "W06000013", "W06000014", "W06000015", "W06000016", "W06000018",
            "W06000019", "W06000020", "W06000021", "W06000022", "W06000023", "W06000024",
        };
        string[] categories = ["violence-with-injury", "burglary", "shoplifting", "criminal-damage-and-arson"];
        var records = new List<(string, DateTimeOffset, string, string)>();
        var seeded = new Dictionary<string, int>();
        for (var a = 0; a < codes.Length; a++)
            for (var m = 0; m < 12; m++)
            {
                var n = 2 + (a * 7 + m * 3) % 9 + (codes[a] == "W06000015" ? 6 : 0);
                for (var i = 0; i < n; i++)
                {
                    var day = from.AddMonths(m).AddDays(i % 28);
                    records.Add(($"seed-{a}-{m}-{i}", new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
                        codes[a], categories[(a + i) % categories.Length]));
                }
                seeded[codes[a]] = seeded.GetValueOrDefault(codes[a]) + n;
            }
        await PostCrimesAsync(records);
        Seeded = seeded;
        // The footprint grains aggregate after a short debounce: wait until Wales has every record.
        var expected = records.Count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WalesTotalAsync(from, to) != expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"seeded records not aggregated:\n{Hub.Output}");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
