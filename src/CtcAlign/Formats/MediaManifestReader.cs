using System.Text.Json;

namespace CtcAlign.Formats;

/// <summary>
/// Reads an align manifest: JSON Lines, one {"id", "audio", and "captions" (a path) or "text"} a line; blank
/// lines are skipped; relative paths resolve against the manifest's folder. A malformed line, a missing field
/// or a repeated id is a <see cref="CaptionFormatException"/> naming the line.
/// </summary>
public static class MediaManifestReader
{
    public static IReadOnlyList<MediaManifestEntry> Read(string path)
    {
        if (!File.Exists(path))
            throw new CaptionFormatException($"{path}: manifest not found");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(CaptionTextDecoder.ReadFile(path), path, folder);
    }

    public static IReadOnlyList<MediaManifestEntry> Parse(string text, string source, string folder)
    {
        var entries = new List<MediaManifestEntry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
                continue;
            JsonElement obj;
            try
            {
                using var doc = JsonDocument.Parse(line);
                obj = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CaptionFormatException($"{source}:{lineNumber}: not a JSON object");
            }
            if (obj.ValueKind != JsonValueKind.Object)
                throw new CaptionFormatException($"{source}:{lineNumber}: not a JSON object");

            var id = String(obj, "id", source, lineNumber) ?? throw Missing("id", source, lineNumber);
            var audio = String(obj, "audio", source, lineNumber) ?? throw Missing("audio", source, lineNumber);
            var captions = String(obj, "captions", source, lineNumber);
            var textValue = String(obj, "text", source, lineNumber);
            if ((captions is null) == (textValue is null))
                throw new CaptionFormatException($"{source}:{lineNumber}: give exactly one of \"captions\" (a file) or \"text\"");
            if (id.Trim().Length == 0)
                throw new CaptionFormatException($"{source}:{lineNumber}: empty \"id\"");
            if (!ids.Add(id))
                throw new CaptionFormatException($"{source}:{lineNumber}: id '{id}' appears twice");
            entries.Add(new MediaManifestEntry(id, Path.GetFullPath(audio, folder),
                captions is null ? null : Path.GetFullPath(captions, folder), textValue, lineNumber));
        }
        if (entries.Count == 0)
            throw new CaptionFormatException($"{source}: manifest has no entries");
        return entries;
    }

    private static string? String(JsonElement obj, string name, string source, int lineNumber)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new CaptionFormatException($"{source}:{lineNumber}: \"{name}\" must be a string");
    }

    private static CaptionFormatException Missing(string name, string source, int lineNumber) =>
        new($"{source}:{lineNumber}: missing \"{name}\"");
}
