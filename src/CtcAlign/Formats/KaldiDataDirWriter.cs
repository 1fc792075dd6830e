using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Writes a Kaldi data directory over the cut clips: wav.scp (one recording per clip, absolute path), segments
/// (each utterance spans its whole clip), text, utt2spk and spk2utt (speaker = media id), all sorted in C order.
/// </summary>
public static class KaldiDataDirWriter
{
    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances)
    {
        var sorted = utterances.OrderBy(u => u.UtteranceId, StringComparer.Ordinal).ToList();
        var root = Path.GetFullPath(outDir);
        CorpusExporter.WriteLines(Path.Combine(outDir, "wav.scp"), sorted.Select(u => $"{u.UtteranceId} {Path.Combine(root, u.ClipPath)}"));
        CorpusExporter.WriteLines(Path.Combine(outDir, "segments"), sorted.Select(u =>
            string.Create(CultureInfo.InvariantCulture, $"{u.UtteranceId} {u.UtteranceId} 0.000 {u.DurationSeconds:0.000####}")));
        CorpusExporter.WriteLines(Path.Combine(outDir, "text"), sorted.Select(u => $"{u.UtteranceId} {OneLine(u.Text)}"));
        CorpusExporter.WriteLines(Path.Combine(outDir, "utt2spk"), sorted.Select(u => $"{u.UtteranceId} {u.SpeakerId}"));
        CorpusExporter.WriteLines(Path.Combine(outDir, "spk2utt"), sorted
            .GroupBy(u => u.SpeakerId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {string.Join(' ', g.Select(u => u.UtteranceId))}"));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
