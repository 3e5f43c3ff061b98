using System.Security.Cryptography;
using System.Text;

namespace AnalysisHub.Domain.Access;

/// <summary>
/// Key secrets: made from 32 random bytes, stored only as their SHA-256. A fast hash is enough for secrets of
/// this entropy (nobody guesses 256 random bits), and keeps the per-request check a dictionary lookup.
/// </summary>
public static class KeySecret
{
    private const string Prefix = "ahk_";

    public const int BootstrapMinLength = 16;
    public const int BootstrapMaxLength = 256;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A new key id: short, unguessable enough to be listed, and never the secret.</summary>
    public static string NewId() => "k_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string secret)
    {
        // Checked on every request: a key of usual length is hashed from the stack, with no buffer but the answer.
        var length = Encoding.UTF8.GetMaxByteCount(secret.Length);
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(secret, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Why an operator's chosen key cannot be used, or null: 16–256 printable ASCII characters, taken verbatim.</summary>
    public static string? BootstrapProblem(string key)
    {
        if (key.Length is < BootstrapMinLength or > BootstrapMaxLength)
            return $"Hub:Auth:BootstrapAdminKey must be {BootstrapMinLength}–{BootstrapMaxLength} characters long (it has {key.Length})";
        return key.All(c => c is >= ' ' and <= '~') ? null : "Hub:Auth:BootstrapAdminKey must be printable ASCII characters only";
    }
}
