using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

/// <summary>The committed tiny ONNX packages (tests/CtcAlign.Tests/Fixtures/Models), and editable copies of them.</summary>
internal static class ModelFixtures
{
    public static string Root => Path.Combine(TestMedia.RepositoryRoot(), "tests", "CtcAlign.Tests", "Fixtures", "Models");

    public static string CtcAlignPackage => Path.Combine(Root, "tiny-package");

    public static string HuggingFacePackage => Path.Combine(Root, "tiny-hf");

    public static string Rank3Onnx => Path.Combine(Root, "rank3.onnx");

    /// <summary>Copies a fixture package into <paramref name="media"/>'s folder so a test can break it.</summary>
    public static string CopyOf(string package, TestMedia media, string name)
    {
        var dir = media.PathOf(name);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(package))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }
}
