using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Access;

/// <summary>The 401 and 403 answers as RFC 9457 problem details, with <c>WWW-Authenticate</c> naming how to sign in.</summary>
public static class AccessProblems
{
    public static Task WriteUnauthorizedAsync(HttpContext context, string? reason)
    {
        var jwt = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.Enabled;
        var error = reason is null ? "" : ", error=\"invalid_token\"";
        context.Response.Headers.WWWAuthenticate = jwt
            ? $"ApiKey realm=\"AnalysisHub\", header=\"{ApiKeyAuthentication.Header}\"{error}, Bearer realm=\"AnalysisHub\"{error}"
            : $"ApiKey realm=\"AnalysisHub\", header=\"{ApiKeyAuthentication.Header}\"{error}";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            reason is null
                ? $"This route needs an API key in the {ApiKeyAuthentication.Header} header{(jwt ? " or a bearer token" : "")}; the public routes are under /api/v1/public/."
                : $"The credential was refused: {reason}.",
            "https://analysishub.example/problems/unauthorized");
    }

    public static Task WriteForbiddenAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", detail, "https://analysishub.example/problems/forbidden");

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail, string type)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type },
        });
    }
}
