using AnalysisHub.Server.Access;

namespace AnalysisHub.Server.Hardening;

/// <summary>
/// Refuses a request addressed to a host the hub does not answer for (400), and a live stream opened by a page from
/// an origin it does not trust (403: WebSocket and EventSource are not bound by CORS). Requests without
/// <c>Origin</c> — curl, the <c>hub</c> command, any non-browser client — pass. Health probes pass whatever their
/// host: orchestrators probe by address.
/// </summary>
public static class HostGate
{
    public static IApplicationBuilder UseHostGate(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<AllowedHosts>();
        return app.Use(async (context, next) =>
        {
            if (!hosts.Allows(context.Request.Host) && !context.Request.Path.StartsWithSegments("/health"))
            {
                await Write(context, StatusCodes.Status400BadRequest, "Host not allowed",
                    $"This hub does not answer for host '{context.Request.Host}'. Operators list the names in Hub:Auth:AllowedHosts.");
                return;
            }
            await next(context);
        });
    }

    /// <summary>After routing: the live streams check a browser's <c>Origin</c>.</summary>
    public static IApplicationBuilder UseOriginGate(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<AllowedHosts>();
        return app.Use(async (context, next) =>
        {
            if (LiveStream.Is(context) && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && !hosts.AllowsOrigin(origin))
            {
                await Write(context, StatusCodes.Status403Forbidden, "Origin not allowed",
                    $"Pages from '{origin}' may not open this hub's live streams.");
                return;
            }
            await next(context);
        });
    }

    private static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = "https://analysishub.example/problems/" + (status == 400 ? "host-not-allowed" : "origin-not-allowed") },
        }).AsTask();
    }
}
