namespace AnalysisHub.Cli.Hub;

/// <summary>Which hub to talk to and with which key, from <c>--server</c>/<c>HUB_SERVER</c> and <c>--key</c>/<c>HUB_KEY</c>.</summary>
public sealed record HubConnection(Uri Server, string? Key, string KeySource)
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    /// <summary>The embedded hub writes its generated admin key here, under the folder it is started from.</summary>
    public const string AdminKeyFile = "data/admin-key";

    public static HubConnection Resolve(string? server, string? key, CliConsole console)
    {
        server ??= console.Environment("HUB_SERVER") is { Length: > 0 } s ? s : DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw HubCommandException.Usage($"--server '{server}' is not an http:// or https:// address");
        if (!uri.AbsolutePath.EndsWith('/')) uri = new Uri(uri + "/");

        if (key is { Length: > 0 }) return new HubConnection(uri, key, "--key");
        if (console.Environment("HUB_KEY") is { Length: > 0 } fromEnvironment) return new HubConnection(uri, fromEnvironment, "HUB_KEY");
        var file = Path.Combine(console.WorkingDirectory, AdminKeyFile);
        try
        {
            var text = File.ReadAllText(file).Trim();
            if (text.Length > 0) return new HubConnection(uri, text, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable (absent, or another user's hub): go on without a key and let the hub say what it needs.
        }
        return new HubConnection(uri, null, "none");
    }
}
