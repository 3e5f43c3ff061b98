using System.Net;
using System.Text.Json;

namespace AnalysisHub.Cli.Hub;

/// <summary>
/// The hub's HTTP API as the command uses it: every request carries the key, transient failures are retried
/// by <see cref="RetryPolicy"/>, and the answers that end a command become <see cref="HubCommandException"/>s
/// with the right exit code.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private long _retries;

    public HubClient(HubConnection connection, RetryPolicy retry, HttpMessageHandler? handler = null)
    {
        Connection = connection;
        _retry = retry;
        // No overall timeout: a live stream stays open, and a large batch may take a while to commit.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = connection.Server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (connection.Key is not null) _http.DefaultRequestHeaders.Add("X-Api-Key", connection.Key);
    }

    public HubConnection Connection { get; }

    /// <summary>Retries made so far by every request of this client.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Sends a request (made afresh for each attempt) until it gets an answer that is not transient.</summary>
    public async Task<HubAnswer> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var message = request();
                using var response = await _http.SendAsync(message, cancel);
                var body = await response.Content.ReadAsStringAsync(cancel);
                var answer = new HubAnswer(response.StatusCode, body);
                if (!IsTransient(response.StatusCode)) return answer;
                retryAfter = response.Headers.RetryAfter?.Delta;
                failure = $"{(int)response.StatusCode} {answer.Problem()}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                failure = "the request timed out";
            }
            catch (IOException e)
            {
                failure = e.Message;
            }
            if (attempt >= _retry.Retries)
                throw new HubCommandException(ExitCodes.ServerUnavailable,
                    $"the hub at {Connection.Server} is not available ({failure}), after {attempt + 1} attempt(s)");
            Interlocked.Increment(ref _retries);
            await Task.Delay(_retry.Delay(attempt + 1, retryAfter), cancel);
        }
    }

    /// <summary>A GET that must succeed; a refusal or a bad parameter ends the command.</summary>
    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancel)
    {
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), cancel);
        ThrowUnlessSuccess(answer);
        return JsonDocument.Parse(answer.Body);
    }

    /// <summary>A GET whose body is read as it arrives (Server-Sent Events); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string pathAndQuery, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.IsSuccessStatusCode) return response;
        var answer = new HubAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        response.Dispose();
        ThrowUnlessSuccess(answer);
        throw new HubCommandException(ExitCodes.ServerUnavailable, $"the hub answered {(int)answer.Status}: {answer.Problem()}");
    }

    /// <summary>Turns a failed answer into the exception that ends the command with the right code.</summary>
    public void ThrowUnlessSuccess(HubAnswer answer)
    {
        if (answer.IsSuccess) return;
        throw answer.Status switch
        {
            HttpStatusCode.Unauthorized => new HubCommandException(ExitCodes.NotAllowed, NotAllowedMessage("refused the key", answer)),
            HttpStatusCode.Forbidden => new HubCommandException(ExitCodes.NotAllowed, NotAllowedMessage("does not allow this", answer)),
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound => HubCommandException.Usage(answer.Problem()),
            _ => new HubCommandException(ExitCodes.ServerUnavailable, $"the hub answered {(int)answer.Status}: {answer.Problem()}"),
        };
    }

    public string NotAllowedMessage(string what, HubAnswer answer) =>
        Connection.Key is null
            ? $"the hub {what} ({answer.Problem()}): no API key was given; pass --key, set HUB_KEY, or run from the folder holding {HubConnection.AdminKeyFile}"
            : $"the hub {what} ({answer.Problem()}) with the key from {Connection.KeySource}";

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    public void Dispose() => _http.Dispose();
}
