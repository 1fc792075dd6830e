using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes word-level CTM: <c>&lt;media-id&gt; 1 &lt;start&gt; &lt;duration&gt; &lt;word&gt; &lt;score&gt;</c>, one word a line,
/// score = word confidence. Words are written as scoring tools match them (<see cref="AlignedWord.SpokenParts"/>:
/// no edge punctuation, hyphenated compounds as their parts, each part with the word's score), or with
/// <paramref name="captionSpelling"/> as the caption spells them.
/// </summary>
public static class CtmWriter
{
    public static void Write(TextWriter writer, IEnumerable<MediaAlignment> media, bool captionSpelling = false)
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
                    IReadOnlyList<AlignedWordPart> parts = captionSpelling ? [new AlignedWordPart(w.Word, w.Start, w.End)] : w.SpokenParts();
                    foreach (var part in parts)
                    {
                        var word = part.Word.Replace(' ', '_');
                        writer.Write(string.Create(CultureInfo.InvariantCulture,
                            $"{id} 1 {part.Start:0.000} {Math.Max(0, part.End - part.Start):0.000} {word} {w.Confidence:0.0000}\n"));
                    }
                }
            }
        }
    }

    /// <summary>The media id as one CTM field (whitespace replaced by '_').</summary>
    public static string CtmId(string id) => string.Join('_', id.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
