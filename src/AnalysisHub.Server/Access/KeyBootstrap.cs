using AnalysisHub.Domain.Access;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Access;

/// <summary>
/// The first admin key. <c>Hub:Auth:BootstrapAdminKey</c>, when set, is put in the store at every start (idempotent,
/// so every node of a cluster may carry it). Otherwise a hub whose store holds no key at all generates one, writes it
/// to <c>&lt;data-dir&gt;/admin-key</c> readable by its owner only, and logs the path — never the key.
/// </summary>
public sealed class KeyBootstrap(IAccessKeyStore store, IOptions<AuthOptions> options, TimeProvider clock, ILogger<KeyBootstrap> logger)
{
    public const string FileName = "admin-key";

    public async Task RunAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (options.Value.BootstrapAdminKey is { } chosen)
        {
            await store.PutAsync(new AccessKey(AccessKey.BootstrapId, "bootstrap", [Scopes.Admin], null, now, null), KeySecret.Hash(chosen), cancellationToken);
            return;
        }
        var secret = KeySecret.New();
        if (!await store.AddFirstAsync(new AccessKey(AccessKey.GeneratedAdminId, "generated at first start", [Scopes.Admin], null, now, null),
                KeySecret.Hash(secret), cancellationToken))
            return;
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Owner-only from the moment it exists: the key never sits readable by others, even briefly.
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var writer = new StreamWriter(path, file))
            await writer.WriteLineAsync(secret);
        logger.LogWarning("No API key existed: an admin key was generated and written to {Path} (readable by its owner only). Send it as X-Api-Key.", path);
    }
}
