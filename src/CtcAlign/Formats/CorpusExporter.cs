using System.Text;
using CtcAlign.Alignment;
using NAudio.Wave;

namespace CtcAlign.Formats;

/// <summary>
/// Builds an ASR training corpus from stored alignments: picks segments (<see cref="CorpusExportOptions"/>),
/// cuts each into <c>clips/&lt;utterance-id&gt;.wav</c> (16 kHz mono 16-bit PCM) and writes the layout's
/// metadata files. Clip durations are the segments' (plus padding) to the sample.
/// </summary>
public static class CorpusExporter
{
    public const string ClipFolder = "clips";

    /// <summary>Segments taken into a corpus: placed, non-empty text, and aligned (or rho &gt;= MinConfidence).</summary>
    public static bool Takes(AlignedSegment s, CorpusExportOptions options) =>
        s.Status != SegmentStatus.NotAligned && s.Start is not null && s.End is not null && s.End > s.Start
        && (options.MinConfidence is { } min ? s.Rho >= min : s.Status == SegmentStatus.Aligned)
        && TextOf(s, options).Length > 0;

    public static IReadOnlyList<CorpusUtterance> Export(
        CorpusFormat format, string outDir, IReadOnlyList<MediaAlignment> media, IClipSource clips,
        CorpusExportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.PaddingSeconds);
        Directory.CreateDirectory(Path.Combine(outDir, ClipFolder));
        var utterances = new List<CorpusUtterance>();
        foreach (var m in media)
        {
            var speaker = KaldiId(m.Id);
            foreach (var s in m.Segments.Where(s => Takes(s, options)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Math.Max(0, s.Start!.Value - options.PaddingSeconds);
                var end = s.End!.Value + options.PaddingSeconds;
                if (m.DurationSeconds > 0)
                    end = Math.Min(end, m.DurationSeconds);
                var startSample = (long)Math.Round(start * IClipSource.SampleRate);
                var count = (int)Math.Max(0, Math.Round(end * IClipSource.SampleRate) - startSample);
                if (count == 0)
                    continue;
                var uttId = $"{speaker}-{s.Index:D5}";
                var clipPath = $"{ClipFolder}/{uttId}.wav";
                WriteWav(Path.Combine(outDir, clipPath), clips.ReadClip(m.AudioPath, startSample, count));
                utterances.Add(new CorpusUtterance(uttId, speaker, m.Id, clipPath,
                    startSample / (double)IClipSource.SampleRate, (startSample + count) / (double)IClipSource.SampleRate,
                    count / (double)IClipSource.SampleRate, TextOf(s, options), s.Rho));
            }
        }

        utterances.Sort((a, b) => string.CompareOrdinal(a.UtteranceId, b.UtteranceId));
        switch (format)
        {
            case CorpusFormat.Nemo: NemoManifestWriter.Write(outDir, utterances); break;
            case CorpusFormat.Kaldi: KaldiDataDirWriter.Write(outDir, utterances); break;
            case CorpusFormat.HuggingFace: AudioFolderMetadataWriter.Write(outDir, utterances); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown corpus format");
        }
        return utterances;
    }

    /// <summary>An id safe for Kaldi tables: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    public static string KaldiId(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    private static string TextOf(AlignedSegment s, CorpusExportOptions options) =>
        (options.UseNormalizedText && !string.IsNullOrWhiteSpace(s.NormalizedText) ? s.NormalizedText : s.Text).Trim();

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(IClipSource.SampleRate, 16, 1));
        writer.WriteSamples(samples, 0, samples.Length);
    }

    internal static void WriteLines(string path, IEnumerable<string> lines)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var line in lines)
            w.Write(line + "\n");
    }
}
