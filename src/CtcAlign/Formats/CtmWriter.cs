using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>Writes word-level CTM: <c>&lt;media-id&gt; 1 &lt;start&gt; &lt;duration&gt; &lt;word&gt; &lt;score&gt;</c>, one word a line, score = word confidence.</summary>
public static class CtmWriter
{
    public static void Write(TextWriter writer, IEnumerable<MediaAlignment> media)
    {
        foreach (var m in media)
        {
            var id = CtmId(m.Id);
            foreach (var s in m.Segments)
            {
                if (s.Status == SegmentStatus.NotAligned)
                    continue;
                foreach (var w in s.Words)
                {
                    var word = w.Word.Replace(' ', '_');
                    writer.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{id} 1 {w.Start:0.000} {Math.Max(0, w.End - w.Start):0.000} {word} {w.Confidence:0.0000}\n"));
                }
            }
        }
    }

    /// <summary>The media id as one CTM field (whitespace replaced by '_').</summary>
    public static string CtmId(string id) => string.Join('_', id.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
