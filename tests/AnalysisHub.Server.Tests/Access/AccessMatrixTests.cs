using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// The endpoint × caller matrix: one hand-written table gives every route its audience and a request that succeeds
/// for an allowed caller; every cell runs against the real server. The table is checked against the routes the
/// server lists (<c>GET /api/v1/admin/routes</c>), so a new route nobody decided about fails here.
/// </summary>
[Collection(AccessHubCollection.Name)]
public sealed class AccessMatrixTests(AccessHub shared)
{
    public enum Audience { Anonymous, Partner, Ingest, ManageIndicators, DefineFootprints, Admin }

    public enum Caller { Anonymous, Partner, IngestCrime, IngestCrimeInCardiff, IndicatorManager, FootprintDefiner, Admin, Expired, Revoked }

    private const string Cardiff = "W06000015";

    /// <summary>A route of the table: its listed path and methods, who may use it, and a request an allowed caller makes.</summary>
    private sealed record Route(string Path, string Methods, Audience Audience, Func<AccessHub, Task<HttpRequestMessage>> Sample,
        HttpStatusCode Success = HttpStatusCode.OK, bool Stream = false);

    private static Func<AccessHub, Task<HttpRequestMessage>> Get(string url) => _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static int _records;

    private const string Indicator = "/api/v1/indicators/police-and-council-dealing-with-issues";

    private const string GwentTarget = """
        {"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31","percent":52.0},{"date":"2012-03-31","percent":57.0}]}
        """;

    private static HttpRequestMessage PutGwentTarget() => new(HttpMethod.Put, Indicator + "/targets/force:gwent")
    {
        Content = new StringContent(GwentTarget, System.Text.Encoding.UTF8, "application/json"),
    };

    private static readonly Route[] Table =
    [
        // Anonymous: metadata, public (disclosure-controlled) outputs, health, the OpenAPI document.
        new("/api/v1/feeds", "GET", Audience.Anonymous, Get("/api/v1/feeds")),
        new("/api/v1/flags", "GET", Audience.Anonymous, Get("/api/v1/flags")),
        new("/api/v1/footprints", "GET", Audience.Anonymous, Get("/api/v1/footprints")),
        new("/api/v1/footprints/{id}", "GET", Audience.Anonymous, Get("/api/v1/footprints/la:cardiff")),
        new("/api/v1/footprints/{id}/extent", "GET", Audience.Anonymous, Get("/api/v1/footprints/la:cardiff/extent")),
        new("/api/v1/public/compare", "GET", Audience.Anonymous, Get("/api/v1/public/compare?kind=la&feed=crime")),
        new("/api/v1/public/footprints/{id}/members", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/force:south-wales/members?feed=crime")),
        new("/api/v1/public/footprints/{id}/series", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/la:cardiff/series?feed=crime")),
        new("/api/v1/public/footprints/{id}/exceedance", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/la:cardiff/exceedance?feed=crime")),
        new("/api/v1/public/footprints/{id}/profile", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/la:cardiff/profile?feed=crime")),
        new("/api/v1/public/footprints/{id}/bulletin", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/la:cardiff/bulletin?week=2025-W10")),
        new("/api/v1/public/footprints/{id}/confidence-summary", "GET", Audience.Anonymous, Get("/api/v1/public/footprints/la:cardiff/confidence-summary?month=2025-03")),
        new("/api/v1/indicators", "GET", Audience.Anonymous, Get("/api/v1/indicators")),
        new("/api/v1/public/indicators/{indicator}/footprints/{id}", "GET", Audience.Anonymous,
            Get("/api/v1/public/indicators/police-and-council-dealing-with-issues/footprints/la:cardiff")),
        new("/api/v1/public/indicators/{indicator}/compare", "GET", Audience.Anonymous,
            Get("/api/v1/public/indicators/police-and-council-dealing-with-issues/compare?kind=force")),
        new("/health/live", "", Audience.Anonymous, Get("/health/live")),
        new("/health/ready", "", Audience.Anonymous, Get("/health/ready")),
        new("/openapi/{documentName}.json", "GET", Audience.Anonymous, Get("/openapi/v1.json")),

        // Partners: unsuppressed figures, alerts and live updates.
        new("/api/v1/compare", "GET", Audience.Partner, Get("/api/v1/compare?kind=la&feed=crime")),
        new("/api/v1/footprints/{id}/members", "GET", Audience.Partner, Get("/api/v1/footprints/force:south-wales/members?feed=crime")),
        new("/api/v1/footprints/{id}/series", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/series?feed=crime")),
        new("/api/v1/footprints/{id}/exceedance", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/exceedance?feed=crime")),
        new("/api/v1/footprints/{id}/profile", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/profile?feed=crime")),
        new("/api/v1/footprints/{id}/bulletin", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/bulletin?week=2025-W10")),
        new("/api/v1/footprints/{id}/confidence-summary", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/confidence-summary?month=2025-03")),
        new("/api/v1/footprints/{id}/stream", "GET", Audience.Partner, Get("/api/v1/footprints/la:cardiff/stream?feed=crime"), Stream: true),
        new("/api/v1/alerts", "GET", Audience.Partner, Get("/api/v1/alerts")),
        new("/api/v1/feeds/{feed}/completeness", "GET", Audience.Partner, Get("/api/v1/feeds/crime/completeness")),
        new("/api/v1/indicators/{indicator}/targets", "GET", Audience.Partner, Get(Indicator + "/targets")),
        new("/api/v1/indicators/{indicator}/targets/{footprint}", "GET", Audience.Partner, async hub =>
        {
            (await hub.Admin.SendAsync(PutGwentTarget())).EnsureSuccessStatusCode();
            return new HttpRequestMessage(HttpMethod.Get, Indicator + "/targets/force:gwent");
        }),
        new("/api/v1/indicators/{indicator}/published", "GET", Audience.Partner, Get(Indicator + "/published?footprint=force:gwent")),
        new("/api/v1/indicators/{indicator}/footprints/{id}", "GET", Audience.Partner, Get(Indicator + "/footprints/la:cardiff")),
        new("/api/v1/indicators/{indicator}/compare", "GET", Audience.Partner, Get(Indicator + "/compare?kind=force")),
        new("/api/v1/indicators/{indicator}/targets/{footprint}/progress", "GET", Audience.Partner, async hub =>
        {
            (await hub.Admin.SendAsync(PutGwentTarget())).EnsureSuccessStatusCode();
            return new HttpRequestMessage(HttpMethod.Get, Indicator + "/targets/force:gwent/progress");
        }),
        new("/hubs/live/negotiate", "", Audience.Partner,
            _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1"))),
        // A plain GET of the hub without a connection id is SignalR's own 400, reached only once authorised.
        new("/hubs/live", "", Audience.Partner, Get("/hubs/live"), Success: HttpStatusCode.BadRequest),

        // Ingest: the feed's own scope (a record in Cardiff, inside the limited key's footprint).
        new("/api/v1/feeds/{feed}/records", "POST", Audience.Ingest, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/feeds/crime/records")
        {
            Content = new StringContent(
                $$"""{"id":"matrix-{{Interlocked.Increment(ref _records)}}","occurredAt":"2025-03-05T10:00:00Z","area":"{{Cardiff}}","category":"robbery"}""",
                System.Text.Encoding.UTF8, "application/x-ndjson"),
        })),

        // A supplier declares a month of its feed, in Cardiff (inside the limited key's footprint).
        new("/api/v1/feeds/{feed}/deliveries/{authority}/{month}", "PUT", Audience.Ingest, _ => Task.FromResult(
            new HttpRequestMessage(HttpMethod.Put, $"/api/v1/feeds/crime/deliveries/{Cardiff}/2025-03")
            {
                Content = new StringContent("""{"status":"complete"}""", System.Text.Encoding.UTF8, "application/json"),
            })),

        // Indicator managers: targets and published figures of the survey indicators.
        new("/api/v1/indicators/{indicator}/targets/{footprint}", "PUT", Audience.ManageIndicators, _ => Task.FromResult(PutGwentTarget())),
        new("/api/v1/indicators/{indicator}/published", "POST", Audience.ManageIndicators, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, Indicator + "/published")
        {
            Content = new StringContent("""{"footprint":"force:gwent","from":"2008-10-01","to":"2009-09-30","percent":45,"unweightedBase":830,"source":"matrix"}""",
                System.Text.Encoding.UTF8, "application/x-ndjson"),
        })),

        // Footprint definers: footprints of kind custom.
        new("/api/v1/footprints", "POST", Audience.DefineFootprints, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/footprints")
        {
            Content = JsonContent.Create(new { id = $"custom:matrix-{Interlocked.Increment(ref _records)}", name = "Matrix", members = new[] { "la:cardiff", "la:newport" } }),
        }), HttpStatusCode.Created),
        new("/api/v1/footprints/{id}", "DELETE", Audience.DefineFootprints, async hub =>
        {
            var id = $"custom:matrix-{Interlocked.Increment(ref _records)}";
            using var defined = await hub.Admin.PostAsJsonAsync("/api/v1/footprints", new { id, name = "Matrix", members = new[] { "la:cardiff" } });
            Assert.Equal(HttpStatusCode.Created, defined.StatusCode);
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/footprints/{id}");
        }, HttpStatusCode.NoContent),

        // Admin: keys, audit, the recount audit, the route listing, record histories and withdrawing a key's writes.
        new("/api/v1/admin/keys", "GET", Audience.Admin, Get("/api/v1/admin/keys")),
        new("/api/v1/admin/keys", "POST", Audience.Admin, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/keys")
        {
            Content = JsonContent.Create(new { owner = "matrix", scopes = new[] { "read:partner" } }),
        }), HttpStatusCode.Created),
        new("/api/v1/admin/keys/{id}", "DELETE", Audience.Admin, async hub =>
        {
            var (id, _) = await hub.CreateKeyAsync("matrix: to revoke", ["read:partner"]);
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/keys/{id}");
        }, HttpStatusCode.NoContent),
        new("/api/v1/admin/keys/{id}/withdraw-writes", "POST", Audience.Admin, async hub =>
        {
            var (id, _) = await hub.CreateKeyAsync("matrix: to withdraw", ["ingest:crime"]);
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/keys/{id}/withdraw-writes");
        }),
        new("/api/v1/admin/records/{feed}/{id}", "GET", Audience.Admin, async hub =>
        {
            await hub.Admin.IngestNdjson("crime", HubApi.Record("matrix-history", "2025-03-05T10:00:00Z", Cardiff, "robbery"));
            return new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/records/crime/matrix-history");
        }),
        new("/api/v1/admin/routes", "GET", Audience.Admin, Get("/api/v1/admin/routes")),
        new("/api/v1/admin/verify", "GET", Audience.Admin, Get("/api/v1/admin/verify")),
        new("/api/v1/audit", "GET", Audience.Admin, Get("/api/v1/audit")),
    ];

    private static readonly Dictionary<Audience, string> Listed = new()
    {
        [Audience.Anonymous] = "anonymous", [Audience.Partner] = "read:partner", [Audience.Ingest] = "ingest:<feed>",
        [Audience.ManageIndicators] = "manage:indicators", [Audience.DefineFootprints] = "define:footprints", [Audience.Admin] = "admin",
    };

    /// <summary>What a caller gets on a route: the route's success, 401 or 403.</summary>
    private static HttpStatusCode Expected(Route route, Caller caller) => (route.Audience, caller) switch
    {
        (_, Caller.Expired or Caller.Revoked) => HttpStatusCode.Unauthorized, // a presented key that is no longer good, even on public routes
        (_, Caller.Admin) => route.Success,
        (Audience.Anonymous, _) => route.Success,
        (_, Caller.Anonymous) => HttpStatusCode.Unauthorized,
        (Audience.Partner, Caller.Partner) => route.Success,
        (Audience.Ingest, Caller.IngestCrime or Caller.IngestCrimeInCardiff) => route.Success,
        (Audience.ManageIndicators, Caller.IndicatorManager) => route.Success,
        (Audience.DefineFootprints, Caller.FootprintDefiner) => route.Success,
        _ => HttpStatusCode.Forbidden,
    };

    [Fact]
    public async Task The_table_lists_every_route_the_server_serves_with_the_audience_it_enforces()
    {
        var listed = (await shared.Admin.GetJson("/api/v1/admin/routes")).GetProperty("routes").EnumerateArray()
            .Select(r => (Path: r.GetProperty("path").GetString()!, Methods: string.Join(',', r.GetProperty("methods").EnumerateArray().Select(m => m.GetString())),
                Audience: r.GetProperty("audience").GetString()!))
            .ToList();
        var table = Table.Select(r => (r.Path, r.Methods, Audience: Listed[r.Audience])).ToList();

        Assert.Empty(listed.Except(table).Select(r => $"served but not in the table (or with another audience): {r}"));
        Assert.Empty(table.Except(listed).Select(r => $"in the table but not served: {r}"));
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_table_says()
    {
        var keys = await CallersAsync();
        var wrong = new List<string>();
        foreach (var route in Table)
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var http = shared.Client(keys[caller]);
            using var request = await route.Sample(shared);
            var target = $"{request.Method} {request.RequestUri}";
            using var response = await http.SendAsync(request, route.Stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
            var expected = Expected(route, caller);
            if (response.StatusCode != expected)
            {
                var body = route.Stream && response.IsSuccessStatusCode ? "(stream)" : await response.Content.ReadAsStringAsync();
                wrong.Add($"{caller} {target}: expected {(int)expected}, got {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                continue;
            }
            if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    wrong.Add($"{caller} {target}: {(int)expected} without problem details");
                if (expected == HttpStatusCode.Unauthorized && !response.Headers.WwwAuthenticate.Any())
                    wrong.Add($"{caller} {target}: 401 without WWW-Authenticate");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task An_ingest_key_writes_only_its_own_feed()
    {
        var (_, crimeOnly) = await shared.CreateKeyAsync("matrix: crime writer", ["ingest:crime"]);
        var response = await shared.Client(crimeOnly).PostNdjson("ed-assaults",
            $$"""{"id":"matrix-ed-1","occurredAt":"2025-03-05T10:00:00Z","area":"{{Cardiff}}","category":"assault"}""");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>One key per kind of caller; the expired key has lapsed and the revoked key is refused before this returns.</summary>
    private async Task<Dictionary<Caller, string?>> CallersAsync()
    {
        var lapsesAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var expiring = await shared.CreateKeyAsync("matrix: expired", ["admin"], expiresAt: lapsesAt);
        var revoked = await shared.CreateKeyAsync("matrix: revoked", ["admin"]);
        var keys = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.Partner] = (await shared.CreateKeyAsync("matrix: analyst", ["read:partner"])).Secret,
            [Caller.IngestCrime] = (await shared.CreateKeyAsync("matrix: force", ["ingest:crime"])).Secret,
            [Caller.IngestCrimeInCardiff] = (await shared.CreateKeyAsync("matrix: council", ["ingest:crime"], ["la:cardiff"])).Secret,
            [Caller.IndicatorManager] = (await shared.CreateKeyAsync("matrix: indicator manager", ["manage:indicators"])).Secret,
            [Caller.FootprintDefiner] = (await shared.CreateKeyAsync("matrix: footprint definer", ["define:footprints"])).Secret,
            [Caller.Admin] = shared.Hub.AdminKey,
            [Caller.Expired] = expiring.Secret,
            [Caller.Revoked] = revoked.Secret,
        };
        // Both keys worked before they lapsed: the 401s the matrix expects are theirs, not a mistyped secret's.
        Assert.Equal(HttpStatusCode.OK, (await shared.Client(expiring.Secret).GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shared.Client(revoked.Secret).GetAsync("/api/v1/alerts")).StatusCode);
        await shared.RevokeAsync(revoked.Id);
        var wait = lapsesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        return keys;
    }
}
