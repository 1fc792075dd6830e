using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Writes a Hugging Face audiofolder <c>metadata.csv</c>: file_name (relative), text, media_id, start, end, duration,
/// then one column per score of <see cref="CorpusUtterance.Scores"/> (confidence, word_confidence, ...; empty when unknown).
/// </summary>
public static class AudioFolderMetadataWriter
{
    public const string FileName = "metadata.csv";

    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances)
    {
        var scoreNames = ScoreNames(utterances);
        CorpusExporter.WriteLines(Path.Combine(outDir, FileName),
            utterances.Select(u => string.Join(',',
                    new[] { Csv(u.ClipPath ?? ""), Csv(u.Text), Csv(u.MediaId), Number(u.Start), Number(u.End), Number(u.DurationSeconds) }
                        .Concat(u.Scores().Select(s => s.Value is { } v ? Number(v) : ""))))
                .Prepend(string.Join(',', new[] { "file_name", "text", "media_id", "start", "end", "duration" }.Concat(scoreNames))));
    }

    /// <summary>A CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    internal static IEnumerable<string> ScoreNames(IReadOnlyList<CorpusUtterance> utterances) =>
        (utterances.Count > 0 ? utterances[0] : new CorpusUtterance("", "", "", null, 0, 0, 0, "", 0, null)).Scores().Select(s => s.Name);

    private static string Number(double v) => v.ToString("0.0####", CultureInfo.InvariantCulture);
}
