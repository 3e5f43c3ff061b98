using System.Net;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>The first admin key: generated into the data folder when none exists, or given by configuration.</summary>
public sealed class BootstrapTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_first_start_without_keys_generates_an_owner_only_admin_key_file_and_logs_its_path_never_the_key()
    {
        await using var hub = new HubProcess { Bootstrap = false };
        await hub.StartAsync("--Logging:LogLevel:Default", "Warning");

        Assert.True(File.Exists(hub.AdminKeyFile), hub.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(hub.AdminKeyFile));
        Assert.StartsWith("ahk_", hub.AdminKey);
        Assert.Contains(hub.AdminKeyFile, hub.Output);
        Assert.DoesNotContain(hub.AdminKey, hub.Output);
        Assert.Equal(HttpStatusCode.OK, (await hub.Http.GetAsync("/api/v1/admin/keys")).StatusCode);

        // A restart on the same data keeps that key and writes no other.
        var key = hub.AdminKey;
        await hub.KillAsync();
        await using var again = new HubProcess(hub.DataDirectory) { Bootstrap = false };
        await again.StartAsync();
        Assert.Equal(key, again.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/admin/keys")).StatusCode);
    }

    [Fact]
    public async Task A_bootstrap_key_is_accepted_verbatim_and_again_at_every_start_and_no_file_is_written()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        Assert.False(File.Exists(hub.AdminKeyFile));
        Assert.Equal(HttpStatusCode.OK, (await hub.Http.GetAsync("/api/v1/admin/keys")).StatusCode);

        await hub.KillAsync();
        await using var again = new HubProcess(hub.DataDirectory, hub.AdminKey);
        await again.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/admin/keys")).StatusCode);
        Assert.False(File.Exists(again.AdminKeyFile));
    }

    [Theory]
    [InlineData("short-key")]            // under 16 characters
    [InlineData("sixteen chars\u00e9\u00e9\u00e9")] // not printable ASCII
    public async Task A_bootstrap_key_outside_16_to_256_printable_ascii_characters_refuses_start(string key)
    {
        await using var hub = new HubProcess();
        var (exitCode, output) = await hub.RunToExitAsync(TimeSpan.FromSeconds(60), "--Hub:Auth:BootstrapAdminKey", key);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("BootstrapAdminKey", output);
        Assert.DoesNotContain(key, output);
    }
}
