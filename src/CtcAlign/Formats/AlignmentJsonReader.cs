using System.Text.Json;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Reads the JSON written by <see cref="AlignmentJsonWriter"/>. The normalised text is not in that format and
/// comes back empty; anything missing or of the wrong kind is a <see cref="CaptionFormatException"/>.
/// </summary>
public static class AlignmentJsonReader
{
    public static IReadOnlyList<MediaAlignment> Read(string path)
    {
        if (!File.Exists(path))
            throw new CaptionFormatException($"{path}: alignment JSON not found");
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static IReadOnlyList<MediaAlignment> Read(Stream stream, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new CaptionFormatException($"{source}: not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message.Split('.')[0]}", ex);
        }

        using (doc)
        {
            try
            {
                var media = new List<MediaAlignment>();
                foreach (var m in Property(doc.RootElement, "media").EnumerateArray())
                {
                    var segments = new List<AlignedSegment>();
                    foreach (var s in Property(m, "segments").EnumerateArray())
                        segments.Add(ReadSegment(s, source));
                    media.Add(new MediaAlignment(
                        Property(m, "id").GetString()!, Property(m, "audio").GetString()!, Property(m, "duration").GetDouble(), segments));
                }
                return media;
            }
            catch (InvalidOperationException ex)
            {
                throw new CaptionFormatException($"{source}: not an alignment JSON: {ex.Message}", ex);
            }
        }
    }

    private static AlignedSegment ReadSegment(JsonElement s, string source)
    {
        var statusName = Property(s, "status").GetString();
        if (!StatusNames.TryParse(statusName, out var status))
            throw new CaptionFormatException($"{source}: unknown segment status '{statusName}'");
        var words = new List<AlignedWord>();
        foreach (var w in Property(s, "words").EnumerateArray())
        {
            List<AlignedWordPart>? parts = null;
            if (w.TryGetProperty("spoken", out var spoken) && spoken.ValueKind == JsonValueKind.Array)
                parts = spoken.EnumerateArray()
                    .Select(p => new AlignedWordPart(Property(p, "word").GetString()!, Property(p, "start").GetDouble(), Property(p, "end").GetDouble()))
                    .ToList();
            words.Add(new AlignedWord(Property(w, "word").GetString()!, Property(w, "start").GetDouble(),
                Property(w, "end").GetDouble(), Property(w, "confidence").GetDouble(), parts));
        }
        return new AlignedSegment(Property(s, "index").GetInt32(), Property(s, "text").GetString()!, "",
            Nullable(Property(s, "start")), Nullable(Property(s, "end")), Nullable(Property(s, "confidence")) ?? double.NegativeInfinity, status, words)
        {
            CaptionWer = s.TryGetProperty("caption_wer", out var wer) ? Nullable(wer) : null,
            PCorrect = s.TryGetProperty("p_correct", out var pCorrect) ? Nullable(pCorrect) : null,
            StatusReason = s.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
            RerankNote = s.TryGetProperty("rerank", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null,
        };
    }

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v
            : throw new InvalidOperationException($"missing \"{name}\"");
}
