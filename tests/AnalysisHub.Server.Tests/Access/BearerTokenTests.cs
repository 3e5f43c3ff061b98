using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// OpenID Connect bearer tokens, signed here (there is no identity provider): an HMAC secret from configuration and
/// an RSA key from a JWKS file; the configured claim's values map to the same scopes keys carry.
/// </summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private const string Issuer = "https://login.example.test/wales", Audience = "analysishub";
    private readonly HubProcess _hub = new();
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _jwks = Path.Combine(Path.GetTempPath(), $"hub-jwks-{Guid.NewGuid():N}.json");

    public async Task InitializeAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "rsa-1" });
        await File.WriteAllTextAsync(_jwks, JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E } } }));
        await _hub.StartAsync(
            "--Hub:Auth:Jwt:Issuer", Issuer, "--Hub:Auth:Jwt:Audience", Audience,
            "--Hub:Auth:Jwt:SigningKeys", Convert.ToBase64String(_secret), "--Hub:Auth:Jwt:JwksFile", _jwks,
            "--Hub:Auth:Jwt:ScopeClaim", "roles",
            "--Hub:Auth:Jwt:ScopeMap:community-safety-analyst", "read:partner",
            "--Hub:Auth:Jwt:ScopeMap:force-data-officer", "ingest:crime");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        File.Delete(_jwks);
        _rsa.Dispose();
    }

    private string Token(string roles, SigningCredentials? signing = null, string issuer = Issuer, string audience = Audience,
        DateTime? expires = null, string? footprints = null, string subject = "analyst@cardiff.gov.wales")
    {
        var claims = new Dictionary<string, object> { ["roles"] = roles };
        if (footprints is not null) claims["footprints"] = footprints;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Subject = new System.Security.Claims.ClaimsIdentity([new("sub", subject)]),
            Claims = claims,
            NotBefore = (expires ?? now.AddMinutes(5)).AddMinutes(-10), IssuedAt = (expires ?? now.AddMinutes(5)).AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(5),
            SigningCredentials = signing ?? Hmac(_secret),
        });
    }

    private static SigningCredentials Hmac(byte[] secret) => new(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256);

    private SigningCredentials Rsa() => new(new RsaSecurityKey(_rsa) { KeyId = "rsa-1" }, SecurityAlgorithms.RsaSha256);

    private HttpClient Bearer(string token)
    {
        var http = _hub.Client(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task An_hmac_signed_token_whose_role_maps_to_read_partner_reads_partner_routes_and_is_audited_by_subject()
    {
        var analyst = Bearer(Token("community-safety-analyst"));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/alerts?bearer-audit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/admin/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostNdjson("crime", Record("jwt-0", "2020-01-01T10:00:00Z", "W06000015", "robbery"))).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(2);
        JsonElement? entry = null;
        while (entry is null && DateTime.UtcNow < deadline)
        {
            entry = (await _hub.Http.GetJson("/api/v1/audit")).GetProperty("entries").EnumerateArray()
                .Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("path").GetString() == "/api/v1/alerts?bearer-audit=1");
            if (entry is null) await Task.Delay(50);
        }
        Assert.NotNull(entry);
        Assert.Equal("analyst@cardiff.gov.wales", entry.Value.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task SignalR_negotiate_takes_a_bearer_api_key_or_a_bearer_jwt_as_the_browser_client_sends_them()
    {
        async Task<HttpStatusCode> NegotiateAsync(string bearer, string? apiKey = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
            return (await _hub.Client(null).SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_hub.AdminKey));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_hub.AdminKey, apiKey: _hub.AdminKey));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(Token("community-safety-analyst")));
        Assert.Equal(HttpStatusCode.Unauthorized, await NegotiateAsync("ahk_not-a-key-of-this-hub"));
        // Outside the live streams a bearer value is a JWT or nothing: an API key goes in X-Api-Key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(_hub.AdminKey).GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task An_rsa_signed_token_checked_against_the_jwks_file_works_the_same()
    {
        var analyst = Bearer(Token("community-safety-analyst", Rsa()));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_writers_token_limited_by_its_footprints_claim_writes_inside_them_only()
    {
        var writer = Bearer(Token("force-data-officer", footprints: "la:cardiff", subject: "officer@south-wales.police.uk"));
        await writer.IngestNdjson("crime", Record("jwt-1", "2020-01-01T10:00:00Z", "W06000015", "robbery"));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostNdjson("crime", Record("jwt-2", "2020-01-01T10:00:00Z", "W06000011", "robbery"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_token_with_an_unmapped_role_is_authenticated_but_may_do_nothing_partner_only() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await Bearer(Token("canteen-manager")).GetAsync("/api/v1/alerts")).StatusCode);

    public static TheoryData<string> BadTokens => new() { "wrong-issuer", "wrong-audience", "expired", "unknown-key", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_check_out_is_a_401_on_every_route(string why)
    {
        var token = why switch
        {
            "wrong-issuer" => Token("community-safety-analyst", issuer: "https://elsewhere.example"),
            "wrong-audience" => Token("community-safety-analyst", audience: "another-app"),
            "expired" => Token("community-safety-analyst", expires: DateTime.UtcNow.AddMinutes(-5)),
            "unknown-key" => Token("community-safety-analyst", Hmac(RandomNumberGenerator.GetBytes(32))),
            _ => "eyJhbGciOiJIUzI1NiJ9.not-a-token.at-all",
        };
        foreach (var path in new[] { "/api/v1/alerts", "/api/v1/feeds" })
        {
            var response = await Bearer(token).GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why} {path}: {(int)response.StatusCode}");
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }
}
