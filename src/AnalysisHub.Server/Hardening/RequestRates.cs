using System.Globalization;
using System.Threading.RateLimiting;
using AnalysisHub.Domain.Access;
using AnalysisHub.Server.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace AnalysisHub.Server.Hardening;

/// <summary>
/// ASP.NET Core rate limiting: a token bucket per key (none for admin keys) and per anonymous client address; a
/// caller over its rate gets 429 problem details with <c>Retry-After</c>. Live streams opt out (an open stream is
/// one request that lasts).
/// </summary>
public static class RequestRates
{
    public static IServiceCollection AddRequestRates(this IServiceCollection services, RateLimitOptions rates) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (LiveStream.Is(context)) return RateLimitPartition.GetNoLimiter("live");
                if (HubClaims.KeyIdOf(context.User) is { } key)
                    return HubClaims.Allows(context.User, Scopes.Admin)
                        ? RateLimitPartition.GetNoLimiter("admin")
                        : Bucket("key:" + key, rates.KeyPerSecond, rates.KeyBurst);
                return Bucket("address:" + context.Connection.RemoteIpAddress, rates.AnonymousPerSecond, rates.AnonymousBurst);
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                        Detail = $"This caller is over its request rate; retry after {seconds} s.",
                        Type = "https://analysishub.example/problems/too-many-requests",
                    },
                });
            };
        });

    private static RateLimitPartition<string> Bucket(string partition, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
