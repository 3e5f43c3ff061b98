using System.Net;
using System.Net.WebSockets;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// Allowed hosts, the Origin check on live streams, closed CORS, security headers and request rates, on a hub of its
/// own whose rate limits are set low enough to reach.
/// </summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private readonly HubProcess _hub = new();

    public Task InitializeAsync() => _hub.StartAsync(
        "--Hub:Auth:RateLimits:KeyPerSecond", "1", "--Hub:Auth:RateLimits:KeyBurst", "5",
        "--Hub:Auth:RateLimits:AnonymousPerSecond", "1", "--Hub:Auth:RateLimits:AnonymousBurst", "5");

    public Task DisposeAsync() => _hub.DisposeAsync().AsTask();

    private async Task<string> PartnerKeyAsync()
    {
        var response = await _hub.Http.PostAsync("/api/v1/admin/keys", new StringContent(
            """{"owner":"hardening","scopes":["read:partner"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task A_request_for_a_host_the_hub_does_not_answer_for_is_a_400_but_health_probes_pass()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feeds") { Headers = { Host = "evil.example" } };
        var response = await _hub.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var probe = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = "10.0.0.7:5080" } };
        Assert.Equal(HttpStatusCode.OK, (await _hub.Http.SendAsync(probe)).StatusCode);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feeds") { Headers = { Host = "localhost:5080" } };
        Assert.Equal(HttpStatusCode.OK, (await _hub.Http.SendAsync(local)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:5080", HttpStatusCode.OK)]
    public async Task An_sse_stream_checks_a_browsers_origin(string origin, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/footprints/la:cardiff/stream?feed=crime") { Headers = { { "Origin", origin } } };
        using var response = await _hub.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SignalR_refuses_a_page_from_another_origin_at_negotiate_and_at_the_websocket()
    {
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1") { Headers = { { "Origin", "https://evil.example" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.Http.SendAsync(negotiate)).StatusCode);

        async Task<HttpStatusCode> OpenSocketAsync(string origin)
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Origin", origin);
            var uri = new Uri($"ws://{_hub.BaseAddress.Authority}/hubs/live?access_token={Uri.EscapeDataString(_hub.AdminKey)}");
            try
            {
                await socket.ConnectAsync(uri, CancellationToken.None);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return socket.HttpStatusCode;
            }
            catch (WebSocketException)
            {
                return socket.HttpStatusCode;
            }
        }
        Assert.Equal(HttpStatusCode.Forbidden, await OpenSocketAsync("https://evil.example"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenSocketAsync($"http://{_hub.BaseAddress.Authority}"));
    }

    [Fact]
    public async Task Cors_is_closed_unless_configured()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/public/compare?kind=la&feed=crime")
        {
            Headers = { { "Origin", "https://evil.example" }, { "Access-Control-Request-Method", "GET" } },
        };
        var answer = await _hub.Client(null).SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feeds") { Headers = { { "Origin", "https://evil.example" } } };
        Assert.False((await _hub.Client(null).SendAsync(get)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/feeds")]
    [InlineData("/api/v1/alerts")]        // a 401
    [InlineData("/no/such/page")]         // a 404
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _hub.Client(null).GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_with_retry_after_and_admin_keys_are_not_limited()
    {
        async Task<HttpResponseMessage?> FirstRefusalAsync(HttpClient http)
        {
            for (var i = 0; i < 20; i++)
            {
                var response = await http.GetAsync("/api/v1/public/compare?kind=la&feed=crime");
                if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            return null;
        }

        var anonymous = await FirstRefusalAsync(_hub.Client(null));
        Assert.NotNull(anonymous);
        Assert.True(anonymous.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var partner = await FirstRefusalAsync(_hub.Client(await PartnerKeyAsync()));
        Assert.NotNull(partner);
        Assert.NotNull(partner.Headers.RetryAfter);

        Assert.Null(await FirstRefusalAsync(_hub.Http)); // the admin key: 20 in a row, all answered
    }
}
