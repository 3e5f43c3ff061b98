using Microsoft.AspNetCore.Diagnostics;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Kestrel's own refusals of a request — a body that arrives too slowly (408), a malformed chunk (400), a body
/// over the limit (413) — reach the endpoint as <see cref="BadHttpRequestException"/>: answered as problem
/// details with Kestrel's status, not as a 500 that blames the server.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;
        logger.LogDebug("{Method} {Path} refused with {Status}: {Reason}", context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status408RequestTimeout ? "Request body too slow" : "Bad request",
                Detail = $"{bad.Message} Nothing was applied.",
            },
        });
    }
}
