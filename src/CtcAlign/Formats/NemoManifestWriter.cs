using System.Text.Encodings.Web;
using System.Text.Json;

namespace CtcAlign.Formats;

/// <summary>
/// Writes <c>manifest.jsonl</c>: {"audio_filepath" (relative to the manifest), "duration", "text", "media_id", "start",
/// "end", then every score of <see cref="CorpusUtterance.Scores"/> ("confidence", "word_confidence", ...)} a line.
/// </summary>
public static class NemoManifestWriter
{
    public const string FileName = "manifest.jsonl";

    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances) =>
        CorpusExporter.WriteLines(Path.Combine(outDir, FileName), utterances.Select(u =>
        {
            var record = new Dictionary<string, object?>
            {
                ["audio_filepath"] = u.ClipPath,
                ["duration"] = u.DurationSeconds,
                ["text"] = u.Text,
                ["media_id"] = u.MediaId,
                ["start"] = Math.Round(u.Start, 4),
                ["end"] = Math.Round(u.End, 4),
            };
            foreach (var (name, value) in u.Scores())
                record[name] = value is { } v ? Math.Round(v, 4) : null;
            return JsonSerializer.Serialize(record, Json);
        }));
}
