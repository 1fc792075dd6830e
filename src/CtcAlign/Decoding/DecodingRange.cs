using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>Argument checks shared by the decoders.</summary>
internal static class DecodingRange
{
    /// <summary>Checks vocabulary size and range; returns the end frame with -1 resolved to the last frame + 1.</summary>
    public static int Check(EmissionMatrix emissions, Vocabulary vocabulary, int startFrame, int endFrame)
    {
        if (vocabulary.Count != emissions.VocabularySize)
            throw new ArgumentException(
                $"Vocabulary has {vocabulary.Count} tokens; the emissions have {emissions.VocabularySize} columns.", nameof(vocabulary));
        if (endFrame == -1)
            endFrame = emissions.Frames;
        if (startFrame < 0 || endFrame > emissions.Frames || startFrame > endFrame)
            throw new ArgumentOutOfRangeException(nameof(startFrame),
                $"Frame range [{startFrame}, {endFrame}) is outside the {emissions.Frames} frames.");
        return endFrame;
    }
}
