using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CsCheck;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>
/// Requests an attacker or a broken client sends, through the real server: each gets a 4xx problem answer (never
/// a 500), and nothing of a refused batch is applied.
/// </summary>
[Collection(SharedHubCollection.Name)]
public sealed class HostileRequestTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "application/x-ndjson", [.. "{\"id\":\"hx-"u8, 0xFF, .. "\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8] },
        { "application/x-ndjson", [.. "{\"id\":\"hx-"u8, 0xC0, 0xAF, .. "\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8] },
        { "application/x-ndjson", [.. "{\"id\":\"hx-"u8, 0xED, 0xA0, 0x80, .. "\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8] },
        { "application/x-ndjson", "{\"id\":\"hx-\\ud800\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8.ToArray() },
        { "application/x-ndjson", "{\"id\":\"hx-1\",\"occurredAt\":\"0001-01-01T00:00:00+01:00\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8.ToArray() },
        { "application/x-ndjson", "{\"id\":\"hx-2\",\"occurredAt\":\"9999-12-31T23:59:59-01:00\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8.ToArray() },
        { "application/x-ndjson", "{\"id\":\"hx-3\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\",\"version\":9223372036854775807}"u8.ToArray() },
        { "application/x-ndjson", "{\"id\":\"hx-4\",\"id\":\"hx-5\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}"u8.ToArray() },
        { "text/csv", "id,occurredAt,area,category\n\"hx-6,2019-01-01T10:00:00Z,W06000015,robbery\n"u8.ToArray() },
        { "text/csv", "{\"id\":\"hx-7\",\"occurredAt\":\"2019-01-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}\n"u8.ToArray() },
        { "text/csv", Encoding.UTF8.GetBytes("id,occurredAt,area,category\n" + new string('x', 16_345) + ",2019-01-01T10:00:00Z,W06000015,robbery\n") },
        { "text/csv", [.. "id,occurredAt,area,category\ncsvutf-"u8, 0xFF, .. ",2019-01-01T10:00:00Z,W06000015,robbery\ncsvutf-"u8, 0xFE, .. ",2019-01-01T10:00:00Z,W06000015,robbery\n"u8] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Hostile_bodies_are_400_problem_details_and_nothing_is_applied(string mediaType, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(mediaType);
        var response = await Http.PostAsync("/api/v1/feeds/crime/records", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Http.Total("nation:wales", "crime", "2019-01-01", "2019-01-01"));
    }

    [Fact]
    public async Task A_quarter_of_a_million_empty_objects_list_1000_errors_and_say_how_many_were_left_out()
    {
        var response = await Http.PostNdjson("crime", string.Join('\n', Enumerable.Repeat("{}", 250_000)));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1000, problem.GetProperty("errors").GetArrayLength());
        Assert.Equal(1_000_000, problem.GetProperty("errorCount").GetInt32());
        Assert.Equal(999_000, problem.GetProperty("errorsOmitted").GetInt32());
    }

    [Fact]
    public async Task A_body_sent_one_byte_a_second_is_408()
    {
        var (status, _) = await RawRequest(async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/v1/feeds/crime/records HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {shared.Hub.AdminKey}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n"));
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    await stream.WriteAsync("{"u8.ToArray());
                }
                catch (IOException)
                {
                    return; // the server gave up on the body and closed
                }
                await Task.Delay(1000);
            }
        });
        Assert.Equal(408, status);
    }

    [Fact]
    public async Task A_malformed_chunk_size_is_400()
    {
        var (status, text) = await RawRequest(stream => stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/feeds/crime/records HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {shared.Hub.AdminKey}\r\nContent-Type: application/x-ndjson\r\n" +
            "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n")).AsTask());
        Assert.True(status == 400, text);
    }

    /// <summary>Generated bodies (valid rows cut and salted with hostile bytes) posted as NDJSON and as CSV.</summary>
    [Fact]
    public async Task Generated_hostile_bodies_are_never_a_5xx_and_an_accepted_batch_counts_every_row()
    {
        var pieces = Gen.OneOf("\uFEFF", "\r\n", "\"", "{", "}", ",", "\\ud800", "\u200B", "1e999", "\"id\":\"dup\",");
        var row = Gen.Int[0, 1_000_000].Select(n =>
            $"{{\"id\":\"hz-{n}\",\"occurredAt\":\"2018-03-0{1 + n % 9}T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"robbery\"}}");
        var bodies = Gen.Select(row.Array[1, 6], pieces.Array[0, 3], Gen.Int.Array[3], Gen.Byte.Array[0, 4], Gen.Bool,
            (rows, salt, at, noise, csv) =>
            {
                var text = string.Join('\n', rows);
                for (var i = 0; i < salt.Length; i++) text = text.Insert((int)((uint)at[i] % (uint)(text.Length + 1)), salt[i]);
                return (Body: (byte[])[.. Encoding.UTF8.GetBytes(text), .. noise], Csv: csv);
            });
        await bodies.SampleAsync(async b =>
        {
            using var content = new ByteArrayContent(b.Body);
            content.Headers.ContentType = new(b.Csv ? "text/csv" : "application/x-ndjson");
            var response = await Http.PostAsync("/api/v1/feeds/crime/records", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 200 and < 500, $"{(int)response.StatusCode}: {text}");
            if (response.IsSuccessStatusCode)
            {
                var counts = JsonSerializer.Deserialize<Counts>(text, JsonSerializerOptions.Web)!;
                var rows = Encoding.UTF8.GetString(b.Body).Split('\n').Count(l => l.Trim().Length > 0) - (b.Csv ? 1 : 0);
                Assert.Equal(rows, counts.Accepted + counts.Updated + counts.Duplicates + counts.Stale + counts.Cancelled);
            }
            else Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: 60, threads: 1, print: b => Convert.ToBase64String(b.Body));
    }

    private async Task<(int Status, string Text)> RawRequest(Func<NetworkStream, Task> send)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(shared.Hub.BaseAddress.Host, shared.Hub.BaseAddress.Port);
        var stream = client.GetStream();
        await send(stream);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        return (int.Parse(text.Split(' ')[1]), text);
    }
}
