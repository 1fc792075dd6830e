using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>Writes a Hugging Face audiofolder <c>metadata.csv</c>: file_name (relative), text, media_id, start, end, duration, confidence.</summary>
public static class AudioFolderMetadataWriter
{
    public const string FileName = "metadata.csv";

    public static void Write(string outDir, IReadOnlyList<CorpusUtterance> utterances) =>
        CorpusExporter.WriteLines(Path.Combine(outDir, FileName),
            utterances.Select(u => string.Join(',',
                Csv(u.ClipPath), Csv(u.Text), Csv(u.MediaId),
                Number(u.Start), Number(u.End), Number(u.DurationSeconds), Number(u.Rho)))
            .Prepend("file_name,text,media_id,start,end,duration,confidence"));

    /// <summary>A CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static string Number(double v) => v.ToString("0.0####", CultureInfo.InvariantCulture);
}
