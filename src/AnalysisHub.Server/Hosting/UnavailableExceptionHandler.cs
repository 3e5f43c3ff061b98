using AnalysisHub.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Turns "the cluster or its database is not answering right now" into 503 problem details with Retry-After,
/// whatever endpoint met it: a grain call that timed out (its silo died mid-call), a silo or gateway that is
/// gone, PostgreSQL down. Clients retry these; a 500 would say the request itself was at fault.
/// </summary>
internal sealed class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Reason(exception) is not { } reason || context.Response.HasStarted) return false;
        logger.LogWarning("{Method} {Path} answered 503: {Reason} ({Error})", context.Request.Method, context.Request.Path, reason, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
                Detail = $"{reason}. Nothing was changed; retry after {RetryAfterSeconds} s.",
            },
        });
    }

    private static string? Reason(Exception exception) => exception switch
    {
        TimeoutException => "A part of the cluster did not answer in time (a silo may have just stopped)",
        SiloUnavailableException or OrleansMessageRejectionException => "The silo holding this data is unavailable",
        OrleansException => "The cluster could not complete the call",
        NpgsqlException or LedgerUnavailableException => "The database is not answering",
        AggregateException { InnerExceptions: [var inner] } => Reason(inner),
        _ => null,
    };
}
