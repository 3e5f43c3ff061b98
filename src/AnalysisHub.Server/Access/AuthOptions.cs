namespace AnalysisHub.Server.Access;

/// <summary>Who may reach the hub and how (section <c>Hub:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Hub:Auth";

    /// <summary>
    /// An admin key set at every start (16–256 printable ASCII characters, taken verbatim), for containers and
    /// scripts; the same value on every node of a cluster is harmless. Without it, a hub whose store holds no key
    /// generates one and writes it to <c>&lt;data-dir&gt;/admin-key</c>.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>
    /// The host names requests may address, separated by <c>;</c> (<c>*.example.org</c> matches sub-domains,
    /// <c>*</c> any): a request for another host is refused, against DNS rebinding. Browsers' <c>Origin</c> on the
    /// live streams is checked against the same list. Default: loopback names and addresses.
    /// </summary>
    public string AllowedHosts { get; set; } = "localhost;127.0.0.1;[::1]";

    /// <summary>Origins (<c>https://partner.example</c>) whose pages may call the API from a browser, separated by <c>;</c>. None by default.</summary>
    public string? CorsOrigins { get; set; }

    public JwtOptions Jwt { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public static IReadOnlyList<string> List(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
