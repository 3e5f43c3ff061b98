using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Ingest;

[Collection(CliHubCollection.Name)]
public sealed class IngestTests(CliHub shared)
{
    private static string Id() => Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Ndjson_file_goes_to_the_feed_its_name_starts_with_and_every_row_counts()
    {
        using var folder = new TempFolder();
        var run = Id();
        // Ceredigion, 2019: a footprint and year no other test writes.
        var lines = Enumerable.Range(0, 250).Select(i =>
            $$"""{"id":"nd-{{run}}-{{i}}","occurredAt":"2019-03-{{i % 28 + 1:00}}T12:00:00Z","area":"W06000008","category":"drugs"}""");
        var file = folder.Write("crime-2019-03.ndjson", string.Join("\n", lines) + "\n\n");

        var result = await shared.RunAsync("ingest", file, "--batch-rows", "40", "--parallel", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sent 250 records in 7 batches", result.Out);
        Assert.Contains("accepted 250, updated 0, duplicates 0, stale 0, cancelled 0", result.Out);
        await Eventually.Equal(250L, () => HubQueries.TotalAsync(shared.Hub, "la:ceredigion", "crime", "2019-03-01", "2019-03-31", "drugs"));
    }

    [Fact]
    public async Task A_folder_is_read_recursively_and_csv_quirks_are_sent_as_written()
    {
        using var folder = new TempFolder();
        var run = Id();
        // A BOM, CRLF line ends, a quoted field, an upper-case header and trailing blank lines.
        folder.Write("2018/incidents-a.csv",
            "\uFEFFID,occurredAt,area,category,flags\r\n" +
            $"csv-{run}-1,2018-05-01T10:00:00Z,W06000002,asb-nuisance,\"alcohol;night-time-economy\"\r\n" +
            $"csv-{run}-2,2018-05-02T10:00:00Z,W06000002,asb-nuisance,\r\n\r\n\r\n");
        folder.Write("2018/deeper/incidents-b.csv",
            "id,occurredAt,area,category\n" + $"csv-{run}-3,2018-05-03T10:00:00Z,W06000002,missing-person\n");
        folder.Write("notes.txt", "not records");

        var result = await shared.RunAsync("ingest", folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("accepted 3,", result.Out);
        await Eventually.Equal(3L, () => HubQueries.TotalAsync(shared.Hub, "la:gwynedd", "incidents", "2018-05-01", "2018-05-31"));
    }

    [Fact]
    public async Task Rejected_rows_are_reported_with_file_and_line_and_exit_3_while_good_batches_are_applied()
    {
        using var folder = new TempFolder();
        var run = Id();
        var file = folder.Write("crime.csv",
            "id,occurredAt,area,category\n" +
            $"rj-{run}-1,2017-02-01T10:00:00Z,W06000001,burglary\n" +
            $"rj-{run}-2,2017-02-01T10:00:00Z,W06000001,burglary\n" +
            $"rj-{run}-3,2017-02-01T10:00:00Z,NOWHERE,burglary\n" +
            $"rj-{run}-4,2017-02-01T10:00:00Z,W06000001,\"not a\ncategory\"\n" +
            $"rj-{run}-5,2017-02-01T10:00:00Z,W06000001,burglary\n");

        var result = await shared.RunAsync("ingest", file, "--batch-rows", "2", "--parallel", "1");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"rejected: {file}:4: area:", result.Error);
        // Row 4 starts on line 5 and its quoted category runs onto line 6.
        Assert.Contains($"rejected: {file}:5: category:", result.Error);
        Assert.Contains("accepted 3,", result.Out);
        Assert.Contains("refused 2 records", result.Out);
        await Eventually.Equal(3L, () => HubQueries.TotalAsync(shared.Hub, "la:isle-of-anglesey", "crime", "2017-02-01", "2017-02-28", "burglary"));
    }

    [Fact]
    public async Task Standard_input_needs_a_feed_and_its_format_is_told_by_its_first_character()
    {
        var run = Id();
        var csv = CliRun.Utf8($"id,occurredAt,area,category\nin-{run}-1,2016-01-05T10:00:00Z,W06000003,robbery\n");

        var withoutFeed = await new CliRun { WorkingDirectory = shared.Root, Input = csv }.RunAsync("--server", shared.Server, "ingest", "-");
        Assert.True(withoutFeed.ExitCode == 2, withoutFeed.ToString());
        Assert.Contains("standard input needs --feed", withoutFeed.Error);

        var result = await new CliRun { WorkingDirectory = shared.Root, Input = csv }.RunAsync("--server", shared.Server, "ingest", "-", "--feed", "crime");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("accepted 1,", result.Out);

        var ndjson = CliRun.Utf8($$"""  {"id":"in-{{run}}-2","occurredAt":"2016-01-05T10:00:00Z","area":"W06000003","category":"robbery"}""" + "\n");
        var sniffed = await new CliRun { WorkingDirectory = shared.Root, Input = ndjson }.RunAsync("--server", shared.Server, "ingest", "-", "--feed", "crime");
        Assert.True(sniffed.ExitCode == 0, sniffed.ToString());
        Assert.Contains("accepted 1,", sniffed.Out);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ingest", "--no-such-option", "x")]
    [InlineData("ingest", "no-such-file.ndjson")]
    [InlineData("ingest", "-", "--feed", "no-such-feed")]
    [InlineData("ingest", "-", "--feed", "crime", "--batch-rows", "0")]
    [InlineData("no-such-command")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var result = await shared.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual("", result.Error.Trim());
    }

    [Fact]
    public async Task A_csv_header_the_hub_refuses_is_reported_at_the_header_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("crime.csv", "\n\nid,occurredAt,area,category,colour\nhd-1,2016-01-05T10:00:00Z,W06000003,robbery,red\n");
        var result = await shared.RunAsync("ingest", file);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"rejected: {file}:3: ", result.Error);
    }

    [Fact]
    public async Task A_police_uk_street_file_given_to_ingest_is_pointed_to_the_import()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-2020-10-north-wales-street.csv");
        var result = await shared.RunAsync("ingest", sample, "--feed", "crime");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("hub import police-uk", result.Error);
    }

    [Fact]
    public async Task A_file_whose_name_names_no_feed_exits_2_and_says_so()
    {
        using var folder = new TempFolder();
        var file = folder.Write("records.ndjson", "{}\n");
        var result = await shared.RunAsync("ingest", file);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot tell the feed", result.Error);
    }

    [Fact]
    public async Task A_hub_that_cannot_be_reached_exits_4_after_its_retries()
    {
        using var folder = new TempFolder();
        var file = folder.Write("crime.ndjson", "{}\n");
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await new CliRun { WorkingDirectory = folder.Path }.RunAsync("--server", $"http://127.0.0.1:{port}", "ingest", file, "--retries", "1");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("not available", result.Error);
        Assert.Contains("after 2 attempt(s)", result.Error);
    }

    [Fact]
    public async Task A_refused_key_and_a_key_without_the_ingest_scope_exit_5()
    {
        using var folder = new TempFolder();
        var file = folder.Write("crime.ndjson", $$"""{"id":"nk-{{Id()}}","occurredAt":"2016-01-05T10:00:00Z","area":"W06000003","category":"robbery"}""" + "\n");

        var refused = await shared.RunAsync("--key", "not-a-key", "ingest", file);
        Assert.True(refused.ExitCode == 5, refused.ToString());
        Assert.Contains("refused the key", refused.Error);

        var reader = await Keys.CreateAsync(shared.Hub, "an analyst", ["read:partner"]);
        var readOnly = await new CliRun { WorkingDirectory = folder.Path, Environment = { ["HUB_KEY"] = reader, ["HUB_SERVER"] = shared.Server } }
            .RunAsync("ingest", file);
        Assert.True(readOnly.ExitCode == 5, readOnly.ToString());
        Assert.Contains("HUB_KEY", readOnly.Error);
    }

    [Fact]
    public async Task Rows_outside_the_keys_footprints_are_listed_and_exit_5()
    {
        using var folder = new TempFolder();
        var run = Id();
        var file = folder.Write("crime.ndjson",
            $$"""{"id":"fp-{{run}}-1","occurredAt":"2016-01-05T10:00:00Z","area":"W06000015","category":"robbery"}""" + "\n" +
            $$"""{"id":"fp-{{run}}-2","occurredAt":"2016-01-05T10:00:00Z","area":"W06000011","category":"robbery"}""" + "\n");
        var cardiff = await Keys.CreateAsync(shared.Hub, "Cardiff council", ["ingest:crime"], ["la:cardiff"]);

        var result = await shared.RunAsync("--key", cardiff, "ingest", file);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"rejected: {file}:2: area:", result.Error);
    }
}
