using System.Globalization;
using NAudio.Wave;

namespace CtcAlign.Formats;

/// <summary>
/// Writes a Kaldi data directory, all tables sorted in C order. Without clips (the default): wav.scp names each
/// original recording once (recording id = speaker id = the media id's <see cref="MediaFileNames"/> name, distinct per media), as its absolute path when it is
/// a 16 kHz mono 16-bit PCM WAV, else as an ffmpeg pipe that decodes it to one; segments gives each utterance's
/// recording and offsets. With clips: one recording per clip (absolute path) and each segment spans its clip.
/// Also text, utt2spk, spk2utt (speaker = media id) and one <c>utt2&lt;score&gt;</c> per score of
/// <see cref="CorpusUtterance.Scores"/> (utt2confidence, utt2word_confidence, ...; utterances whose score is unknown left out).
/// </summary>
public static class KaldiDataDirWriter
{
    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances)
    {
        var sorted = utterances.OrderBy(u => u.UtteranceId, StringComparer.Ordinal).ToList();
        var root = Path.GetFullPath(outDir);
        var clips = sorted.Count > 0 && sorted.All(u => u.ClipPath is not null);
        if (clips)
        {
            CorpusExporter.WriteLines(Path.Combine(outDir, "wav.scp"), sorted.Select(u => $"{u.UtteranceId} {Path.Combine(root, u.ClipPath!)}"));
            CorpusExporter.WriteLines(Path.Combine(outDir, "segments"), sorted.Select(u =>
                string.Create(CultureInfo.InvariantCulture, $"{u.UtteranceId} {u.UtteranceId} 0.000 {u.DurationSeconds:0.000####}")));
        }
        else
        {
            CorpusExporter.WriteLines(Path.Combine(outDir, "wav.scp"), sorted
                .GroupBy(u => u.SpeakerId)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {Rxfilename(g.First().AudioPath)}"));
            CorpusExporter.WriteLines(Path.Combine(outDir, "segments"), sorted.Select(u =>
                string.Create(CultureInfo.InvariantCulture, $"{u.UtteranceId} {u.SpeakerId} {u.Start:0.000####} {u.End:0.000####}")));
        }
        CorpusExporter.WriteLines(Path.Combine(outDir, "text"), sorted.Select(u => $"{u.UtteranceId} {OneLine(u.Text)}"));
        CorpusExporter.WriteLines(Path.Combine(outDir, "utt2spk"), sorted.Select(u => $"{u.UtteranceId} {u.SpeakerId}"));
        CorpusExporter.WriteLines(Path.Combine(outDir, "spk2utt"), sorted
            .GroupBy(u => u.SpeakerId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {string.Join(' ', g.Select(u => u.UtteranceId))}"));
        foreach (var name in AudioFolderMetadataWriter.ScoreNames(sorted))
            CorpusExporter.WriteLines(Path.Combine(outDir, "utt2" + name), sorted
                .Select(u => (u.UtteranceId, Value: u.Scores().First(s => s.Name == name).Value))
                .Where(x => x.Value is not null)
                .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.UtteranceId} {x.Value:0.0####}")));
    }

    /// <summary>
    /// How wav.scp names a recording: the absolute path of a 16 kHz mono 16-bit PCM WAV, else
    /// <c>ffmpeg -nostdin -v error -i 'PATH' -ac 1 -ar 16000 -f wav - |</c>.
    /// </summary>
    public static string Rxfilename(string audioPath)
    {
        var full = Path.GetFullPath(audioPath);
        if (IsPlainWav(full))
            return full;
        return $"ffmpeg -nostdin -v error -i '{full.Replace("'", "'\\''")}' -ac 1 -ar {IClipSource.SampleRate} -f wav - |";
    }

    private static bool IsPlainWav(string path)
    {
        if (!path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            return false;
        try
        {
            using var reader = new WaveFileReader(path);
            var f = reader.WaveFormat;
            return f.Encoding == WaveFormatEncoding.Pcm && f.SampleRate == IClipSource.SampleRate && f.Channels == 1 && f.BitsPerSample == 16;
        }
        catch (Exception ex) when (ex is FormatException or IOException or InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
