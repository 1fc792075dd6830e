namespace CtcAlign.Acoustic;

/// <summary>
/// Finds the model folder to use: an explicit --model, else CTCALIGN_MODEL, else <c>models/default</c> next to
/// the executable or in any folder above it (so both an installed tool and a repository build find it).
/// </summary>
public static class DefaultModelLocator
{
    public const string EnvironmentVariable = "CTCALIGN_MODEL";
    public const string RelativePath = "models/default";

    public static string Resolve(string? explicitDirectory) =>
        explicitDirectory ?? FindDefault() ?? throw new ModelLoadException(
            $"No model given and no default model found ({EnvironmentVariable} is unset and no {RelativePath} with {ModelPackage.OnnxFileName} lies at or above {AppContext.BaseDirectory}); pass --model DIR.");

    /// <summary>The default model folder, or null when there is none.</summary>
    public static string? FindDefault() =>
        FindDefault(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    internal static string? FindDefault(string? fromEnvironment, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", "default");
            if (File.Exists(Path.Combine(candidate, ModelPackage.OnnxFileName)))
                return candidate;
        }
        return null;
    }
}
