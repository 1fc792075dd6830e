using System.Text.Encodings.Web;
using System.Text.Json;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes {"media":[{"id","audio","duration",["audio_start",]"segments":[{"index","text","start","end","confidence","status",
/// ["reason",] ["caption_wer",] ["rerank",] "words":[{"word","start","end","confidence"[,"spoken"]}]}]}]}. A word is
/// spelled as in the caption; "spoken" (hyphenated compounds only) lists its parts [{"word","start","end"}]. Segment confidence is
/// rho (null for a line that was never placed: its rho is -infinity); times are seconds (null when not aligned);
/// status is aligned, low_confidence or not_aligned, and reason says why when it is not aligned. "p_correct" (after
/// "confidence") is the calibrated probability that the line's start and end are within 0.5 s (null for a line without
/// times; left out when the model has no calibration); "evidence" ({feature: value}, align --evidence only) the
/// features it was computed from.
/// Times are on the programme's timeline: "audio_start" (when not 0) is where the audio's first sample lies on it
/// (audio stream start, timecode base).
/// </summary>
public static class AlignmentJsonWriter
{
    public static void Write(Stream stream, IEnumerable<MediaAlignment> media)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("media");
        foreach (var m in media)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteString("audio", m.AudioPath);
            json.WriteNumber("duration", Math.Round(m.DurationSeconds, 3));
            if (m.AudioStartSeconds != 0)
                json.WriteNumber("audio_start", Math.Round(m.AudioStartSeconds, 3));
            json.WriteStartArray("segments");
            var calibrated = m.Segments.Any(s => s.PCorrect is not null);
            foreach (var s in m.Segments)
                WriteSegment(json, s, calibrated);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter json, AlignedSegment s, bool calibrated)
    {
        json.WriteStartObject();
        json.WriteNumber("index", s.Index);
        json.WriteString("text", s.Text);
        WriteNullable(json, "start", s.Start, 3);
        WriteNullable(json, "end", s.End, 3);
        WriteNullable(json, "confidence", double.IsFinite(s.Rho) ? s.Rho : null, 4);
        if (calibrated)
            WriteNullable(json, "p_correct", s.PCorrect, 4);
        json.WriteString("status", StatusNames.ToName(s.Status));
        if (s.StatusReason is { } reason)
            json.WriteString("reason", reason);
        if (s.CaptionWer is { } wer)
            json.WriteNumber("caption_wer", Math.Round(wer, 4));
        if (s.RerankNote is { } note)
            json.WriteString("rerank", note);
        if (s.Evidence is { } evidence)
        {
            json.WriteStartObject("evidence");
            for (var i = 0; i < evidence.Count; i++)
                json.WriteNumber(LongForm.LineEvidence.FeatureNames[i], Math.Round(evidence[i], 5));
            json.WriteEndObject();
        }
        json.WriteStartArray("words");
        foreach (var w in s.Words)
        {
            json.WriteStartObject();
            json.WriteString("word", w.Word);
            json.WriteNumber("start", Math.Round(w.Start, 3));
            json.WriteNumber("end", Math.Round(w.End, 3));
            json.WriteNumber("confidence", Math.Round(w.Confidence, 4));
            if (w.MisfitPerLetter is { } misfit)
                json.WriteNumber("misfit", Math.Round(misfit, 3));
            if (w.UnexplainedBefore is { } unexplained)
                json.WriteNumber("unexplained_before", Math.Round(unexplained, 3));
            if (w.Parts is { Count: > 1 })
            {
                json.WriteStartArray("spoken");
                foreach (var part in w.SpokenParts())
                {
                    json.WriteStartObject();
                    json.WriteString("word", part.Word);
                    json.WriteNumber("start", Math.Round(part.Start, 3));
                    json.WriteNumber("end", Math.Round(part.End, 3));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v)
            json.WriteNumber(name, Math.Round(v, digits));
        else
            json.WriteNull(name);
    }
}
