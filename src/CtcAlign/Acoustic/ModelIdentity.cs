using System.Security.Cryptography;

namespace CtcAlign.Acoustic;

/// <summary>
/// What identifies a model in the skip key of stored runs: its name and version from its description and the
/// SHA-256 of its model.onnx, e.g. "ctcalign-en-conv-synth 3 sha256:1f0c...". The folder's path is left out, so
/// a moved model is the same model and a retrained one in the same folder is not.
/// </summary>
public static class ModelIdentity
{
    public static string Of(string modelDirectory)
    {
        var package = ModelPackage.Load(modelDirectory);
        var d = package.Description;
        string hash;
        using (var stream = new FileStream(package.OnnxPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return string.IsNullOrWhiteSpace(d.Version) ? $"{d.Name} sha256:{hash}" : $"{d.Name} {d.Version} sha256:{hash}";
    }
}
