using System.Text.Json;

namespace CtcAlign.Formats;

/// <summary>
/// Writes lhotse manifests over the cut clips (uncompressed JSONL, which <c>lhotse.load_manifest</c> reads):
/// <c>recordings.jsonl</c>, one recording per clip ({"id", "sources": [{"type": "file", "channels": [0], "source":
/// absolute path}], "sampling_rate": 16000, "num_samples", "duration", "channel_ids": [0]}), and
/// <c>supervisions.jsonl</c>, one supervision spanning each recording ({"id", "recording_id", "start": 0, "duration",
/// "channel": 0, "text", "speaker", "custom": {"media_id", "media_start", "media_end", and every score of
/// <see cref="CorpusUtterance.Scores"/>}}).
/// </summary>
public static class LhotseManifestWriter
{
    public const string RecordingsFileName = "recordings.jsonl";

    public const string SupervisionsFileName = "supervisions.jsonl";

    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances)
    {
        if (utterances.Any(u => u.ClipPath is null))
            throw new ArgumentException("lhotse manifests need cut clips", nameof(utterances));
        var root = Path.GetFullPath(outDir);
        CorpusExporter.WriteLines(Path.Combine(outDir, RecordingsFileName), utterances.Select(u => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = u.UtteranceId,
            ["sources"] = new[] { new Dictionary<string, object> { ["type"] = "file", ["channels"] = new[] { 0 }, ["source"] = Path.Combine(root, u.ClipPath!) } },
            ["sampling_rate"] = IClipSource.SampleRate,
            ["num_samples"] = (long)Math.Round(u.DurationSeconds * IClipSource.SampleRate),
            ["duration"] = u.DurationSeconds,
            ["channel_ids"] = new[] { 0 },
        }, NemoManifestWriter.Json)));
        CorpusExporter.WriteLines(Path.Combine(outDir, SupervisionsFileName), utterances.Select(u =>
        {
            var custom = new Dictionary<string, object?>
            {
                ["media_id"] = u.MediaId,
                ["media_start"] = Math.Round(u.Start, 4),
                ["media_end"] = Math.Round(u.End, 4),
            };
            foreach (var (name, value) in u.Scores())
                custom[name] = value is { } v ? Math.Round(v, 4) : null;
            return JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = u.UtteranceId,
                ["recording_id"] = u.UtteranceId,
                ["start"] = 0.0,
                ["duration"] = u.DurationSeconds,
                ["channel"] = 0,
                ["text"] = u.Text,
                ["speaker"] = u.SpeakerId,
                ["custom"] = custom,
            }, NemoManifestWriter.Json);
        }));
    }
}
