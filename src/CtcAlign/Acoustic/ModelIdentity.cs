using System.Security.Cryptography;

namespace CtcAlign.Acoustic;

/// <summary>
/// What identifies a model in the skip key of stored runs: its name and version from its description and the
/// SHA-256 of its model.onnx, e.g. "ctcalign-en-conv-synth 3 sha256:1f0c...". The folder's path is left out, so
/// a moved model is the same model and a retrained one in the same folder is not. A package with an int8 graph adds
/// that file's hash too ("... int8 sha256:..."), since either graph may run.
/// </summary>
public static class ModelIdentity
{
    public static string Of(string modelDirectory)
    {
        var package = ModelPackage.Load(modelDirectory);
        var d = package.Description;
        var hash = Sha256(package.OnnxPath);
        if (d.Precisions?.ContainsKey("int8") == true)
            hash += " int8 sha256:" + Sha256(package.OnnxPathFor(ModelPrecision.Int8));
        return string.IsNullOrWhiteSpace(d.Version) ? $"{d.Name} sha256:{hash}" : $"{d.Name} {d.Version} sha256:{hash}";
    }

    private static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
