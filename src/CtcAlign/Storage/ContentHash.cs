using System.Security.Cryptography;

namespace CtcAlign.Storage;

/// <summary>SHA-256 of a file's bytes, streamed, as "sha256:&lt;hex&gt;".</summary>
public static class ContentHash
{
    public static string Compute(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
