namespace AnalysisHub.Server.Access;

/// <summary>
/// Refuses, with 401, any request that presents a key or token that does not hold (unknown, expired, revoked,
/// badly signed) — on every route, the public ones included, so a client whose key was revoked learns it at once
/// instead of silently reading as the public.
/// </summary>
public static class CredentialGate
{
    private const string Item = "hub:credential-refused";
    private const string KeyItem = "hub:refused-key";

    /// <summary>Marks the request's credential refused; <paramref name="keyId"/> names a known key that no longer holds.</summary>
    public static void Refuse(HttpContext context, string reason, string? keyId = null)
    {
        context.Items[Item] = reason;
        if (keyId is not null) context.Items[KeyItem] = keyId;
    }

    /// <summary>The id of a revoked or expired key the request presented, for the audit trail.</summary>
    public static string? RefusedKeyId(HttpContext context) => context.Items.TryGetValue(KeyItem, out var id) ? (string?)id : null;

    public static IApplicationBuilder UseCredentialGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items.TryGetValue(Item, out var reason))
        {
            await AccessProblems.WriteUnauthorizedAsync(context, (string)reason!);
            return;
        }
        await next(context);
    });
}
