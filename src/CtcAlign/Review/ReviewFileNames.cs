using System.Text;

namespace CtcAlign.Review;

/// <summary>File names in a review folder: index.html, one page per media id, audio copies under audio/.</summary>
public static class ReviewFileNames
{
    public const string IndexFile = "index.html";

    public const string AudioFolder = "audio";

    /// <summary>
    /// A distinct, portable file stem for each media id (in the given order): letters, digits, '.', '-' and '_'
    /// kept, anything else '_'; "index" and names that differ only in case get a -2, -3... suffix.
    /// </summary>
    public static IReadOnlyList<string> Stems(IReadOnlyList<string> mediaIds)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index" };
        var stems = new List<string>(mediaIds.Count);
        foreach (var id in mediaIds)
        {
            var stem = Sanitize(id);
            var candidate = stem;
            for (var n = 2; !taken.Add(candidate); n++)
                candidate = $"{stem}-{n}";
            stems.Add(candidate);
        }
        return stems;
    }

    private static string Sanitize(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var stem = sb.ToString().Trim('.');
        if (stem.Length > 100)
            stem = stem[..100];
        return stem.Length == 0 ? "media" : stem;
    }

    /// <summary>
    /// The URL of <paramref name="targetPath"/> relative to the folder <paramref name="fromFolder"/>, with '/'
    /// separators and each segment percent-encoded (spaces, '#', '?' and non-ASCII letters survive in a URL).
    /// </summary>
    public static string RelativeUrl(string fromFolder, string targetPath)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(fromFolder), Path.GetFullPath(targetPath));
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Select(Uri.EscapeDataString));
    }
}
