using AnalysisHub.Server.Access;

namespace AnalysisHub.Server.Hardening;

/// <summary>
/// The host names the hub answers for (<c>Hub:Auth:AllowedHosts</c>): exact names, <c>*.suffix</c> for sub-domains,
/// or <c>*</c>. A page on another site that points its own name at the hub (DNS rebinding) is refused.
/// </summary>
public sealed class AllowedHosts
{
    private readonly bool _any;
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);

    public AllowedHosts(AuthOptions options)
    {
        foreach (var entry in AuthOptions.List(options.AllowedHosts))
        {
            if (entry == "*") _any = true;
            else if (entry.StartsWith("*.", StringComparison.Ordinal)) _suffixes.Add(entry[1..]);
            else _exact.Add(entry);
        }
        foreach (var origin in AuthOptions.List(options.CorsOrigins)) _origins.Add(origin.TrimEnd('/'));
    }

    public bool Allows(HostString host)
    {
        if (_any) return true;
        if (!host.HasValue) return false;
        var name = host.Host;
        return _exact.Contains(name) || _suffixes.Exists(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A browser's <c>Origin</c> is allowed when its host is, or when it is a configured CORS origin.</summary>
    public bool AllowsOrigin(string origin)
    {
        if (_origins.Contains(origin.TrimEnd('/'))) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && Allows(new HostString(uri.IsDefaultPort ? uri.Host : uri.Authority));
    }
}
