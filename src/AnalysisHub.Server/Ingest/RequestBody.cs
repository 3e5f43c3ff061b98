using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace AnalysisHub.Server.Ingest;

/// <summary>A request body read whole into a pooled buffer (batches are parsed as one span).</summary>
internal sealed class RequestBody : IDisposable
{
    private RequestBody(byte[] array, int length)
    {
        Array = array;
        Length = length;
    }

    public byte[] Array { get; private set; }
    public int Length { get; }
    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    /// <summary>The media type of a Content-Type header, lower case and without its parameters (<c>; charset=…</c>).</summary>
    public static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Reads the body; null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes) return null;
        // The server-wide default (30 MB) would cut a legitimate 50 MB batch short.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + 1;

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(context.Request.ContentLength ?? 64 * 1024, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0) break;
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            length = int.MaxValue;
        }
        if (length > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        return new RequestBody(buffer, length);
    }

    public void Dispose()
    {
        if (Array.Length > 0) ArrayPool<byte>.Shared.Return(Array);
        Array = [];
    }
}
