using System.IO.Compression;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.PoliceUk;

[Collection(CliHubCollection.Name)]
public sealed class PoliceUkImportTests(CliHub shared)
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-2020-10-north-wales-street.csv");

    [Fact]
    public async Task The_real_north_wales_file_counts_every_row_in_its_month_and_a_reimport_changes_no_figure()
    {
        var result = await shared.RunAsync("import", "police-uk", Sample);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("read 5,838 rows; sending 5,838 records", result.Out);
        Assert.Matches(@"Violence and sexual offences\s+crime\s+violence-and-sexual-offences\s+2,321\s+2,321", result.Out);
        Assert.Matches(@"Anti-social behaviour\s+incidents\s+anti-social-behaviour\s+1,502\s+1,502", result.Out);
        Assert.Matches(@"North Wales Police\s+2020-10\s+5,838\s+5,838\s+0\s+0\s+0\s+0", result.Out);
        Assert.Contains("accepted 5,838, updated 0, duplicates 0", result.Out);
        // Two of the force's rows lie in Pembrokeshire and Powys (Dyfed-Powys): Wales holds every row.
        await Eventually.Equal(4336L, () => HubQueries.TotalAsync(shared.Hub, "nation:wales", "crime", "2020-10-01", "2020-10-31"));
        await Eventually.Equal(1502L, () => HubQueries.TotalAsync(shared.Hub, "nation:wales", "incidents", "2020-10-01", "2020-10-31", "anti-social-behaviour"));
        await Eventually.Equal(1019L, async () =>
            await HubQueries.TotalAsync(shared.Hub, "la:conwy", "crime", "2020-10-01", "2020-10-31") +
            await HubQueries.TotalAsync(shared.Hub, "la:conwy", "incidents", "2020-10-01", "2020-10-31"));

        var again = await shared.RunAsync("import", "police-uk", Sample, "--parallel", "2", "--batch-rows", "700");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("accepted 0, updated 0, duplicates 5,838, stale 0, cancelled 0", again.Out);
        Assert.Equal(4336L, await HubQueries.TotalAsync(shared.Hub, "nation:wales", "crime", "2020-10-01", "2020-10-31"));
    }

    [Fact]
    public async Task Every_quirk_of_real_files_is_read_and_rows_that_cannot_be_placed_are_reported_not_sent()
    {
        using var folder = new TempFolder();
        const string month = "2013-05";
        string Row(string id, string code, string name, string type) =>
            $"{id},{month},Gwent Police,Gwent Police,-2.99,51.58,On or near High Street,{code},{name},{type},,";
        var rows = new[]
        {
            Row("", "W01001610", "Newport 001A", "Anti-social behaviour"),            // no Crime ID
            Row("", "W01001610", "Newport 001A", "Anti-social behaviour"),            // the same again: a second record
            Row("q-dup", "W01001610", "Newport 001A", "Burglary"),                    // a Crime ID given twice:
            Row("q-dup", "W01001546", "Monmouthshire 002A", "Burglary"),             //   one record, the last row counts
            Row("q-blank", "", "", "Robbery"),                                         // no location
            Row("q-england", "E01015000", "Bristol 001A", "Robbery"),                 // outside Wales
            Row("q-2021", "W01002000", "Newport 014B", "Drugs"),                       // a 2021 code: placed by its name
            Row("q-lost", "W01009999", "Nowhere 001A", "Drugs"),                       // Welsh, but its name names no authority
            "q-quoted,2013-05,Gwent Police,Gwent Police,-2.99,51.58,\"On or near \"\"The Street\"\", Newport\",W01001610,Newport 001A,Shoplifting,,",
        };
        // A BOM, a lower-case header, CRLF line ends and trailing blank lines.
        var file = folder.Write("2013-05-gwent-street.csv", "\uFEFF" + Header.ToLowerInvariant() + "\r\n" + string.Join("\r\n", rows) + "\r\n\r\n\r\n");

        var result = await shared.RunAsync("import", "police-uk", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("read 9 rows; sending 6 records", result.Out);
        Assert.Matches(@"Gwent Police\s+2013-05\s+9\s+6\s+1\s+1\s+1\s+1", result.Out);
        Assert.Matches(@"W01002000\s+Newport 014B\s+W06000022\s+1", result.Out);
        Assert.Matches(@"2013-05-gwent-street.csv\s+2013-05\s+1\s+1\s+1", result.Out);
        Assert.Contains("1 row(s) repeat a Crime ID", result.Out);
        // Six rows sent: the duplicated Crime ID is one record (accepted, then updated by its second row).
        Assert.True(result.Out.Contains("accepted 5, updated 1, duplicates 0"), result.ToString());
        await Eventually.Equal(2L, () => HubQueries.TotalAsync(shared.Hub, "la:newport", "incidents", "2013-05-01", "2013-05-31"));
        await Eventually.Equal(2L, () => HubQueries.TotalAsync(shared.Hub, "la:newport", "crime", "2013-05-01", "2013-05-31"));
        await Eventually.Equal(1L, () => HubQueries.TotalAsync(shared.Hub, "la:monmouthshire", "crime", "2013-05-01", "2013-05-31", "burglary"));
        await Eventually.Equal(3L, () => HubQueries.TotalAsync(shared.Hub, "nation:wales", "crime", "2013-05-01", "2013-05-31"));
    }

    [Fact]
    public async Task The_archive_layout_and_its_zip_give_the_same_records()
    {
        using var folder = new TempFolder();
        foreach (var month in new[] { "2012-01", "2012-02" })
            folder.Write($"archive/{month}/{month}-dyfed-powys-street.csv", Header + "\n" +
                $",{month},Dyfed-Powys Police,Dyfed-Powys Police,,,On or near Park,W01000461,Powys 001A,Anti-social behaviour,,\n" +
                $",{month},Dyfed-Powys Police,Dyfed-Powys Police,,,On or near Park,W01000461,Powys 001A,Anti-social behaviour,,\n");
        folder.Write($"archive/2012-02/2012-02-dyfed-powys-outcomes.csv", "not a street file");
        var zip = Path.Combine(folder.Path, "download.zip");
        ZipFile.CreateFromDirectory(Path.Combine(folder.Path, "archive"), zip);

        var fromFolder = await shared.RunAsync("import", "police-uk", Path.Combine(folder.Path, "archive"));
        Assert.True(fromFolder.ExitCode == 0, fromFolder.ToString());
        Assert.Contains("accepted 4,", fromFolder.Out);
        Assert.Matches(@"Dyfed-Powys Police\s+2012-02\s+2\s+2", fromFolder.Out);

        var fromZip = await shared.RunAsync("import", "police-uk", zip);
        Assert.True(fromZip.ExitCode == 0, fromZip.ToString());
        Assert.Contains("accepted 0, updated 0, duplicates 4,", fromZip.Out);
        await Eventually.Equal(4L, () => HubQueries.TotalAsync(shared.Hub, "la:powys", "incidents", "2012-01-01", "2012-02-29"));
    }

    [Fact]
    public async Task Rows_that_are_not_records_are_listed_with_their_line_and_exit_3_while_the_rest_is_sent()
    {
        using var folder = new TempFolder();
        var file = folder.Write("2011-03-south-wales-street.csv", Header + "\n" +
            "bad-month,March 2011,South Wales Police,South Wales Police,,,x,W01001780,Cardiff 032F,Burglary,,\n" +
            "bad-type,2011-03,South Wales Police,South Wales Police,,,x,W01001780,Cardiff 032F,Piracy,,\n" +
            "good,2011-03,South Wales Police,South Wales Police,,,x,W01001780,Cardiff 032F,Burglary,,\n");

        var result = await shared.RunAsync("import", "police-uk", file);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"rejected: {file}:2: Month:", result.Error);
        Assert.Contains($"rejected: {file}:3: Crime type: 'Piracy'", result.Error);
        Assert.Contains("accepted 1,", result.Out);
    }

    [Fact]
    public async Task A_file_that_is_not_a_street_file_exits_3()
    {
        using var folder = new TempFolder();
        var file = folder.Write("2011-03-south-wales-street.csv", "id,occurredAt,area,category\n");
        var result = await shared.RunAsync("import", "police-uk", file);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("not a data.police.uk street file", result.Error);
    }
}
