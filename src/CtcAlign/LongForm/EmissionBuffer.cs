using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A rolling buffer of emission frames <c>[BaseFrame, EndFrame)</c> of one media file, in absolute frame numbers
/// (frame 0 = the first frame of the first block). Blocks are appended in order; frames before the anchor are
/// released, so the buffer holds at most the current window plus one block. The storage grows only when too small
/// and is compacted in place on release.
/// </summary>
public sealed class EmissionBuffer
{
    private float[] _data = [];
    private int _count;

    public int VocabularySize { get; private set; }

    public double FrameSeconds { get; private set; }

    /// <summary>Media time of absolute frame 0.</summary>
    public double StartSeconds { get; private set; }

    public int BaseFrame { get; private set; }

    public int EndFrame => BaseFrame + _count;

    public int BufferedFrames => _count;

    /// <summary>The most frames held at once since creation.</summary>
    public int PeakBufferedFrames { get; private set; }

    public bool IsEmpty => VocabularySize == 0;

    public double TimeOf(int absoluteFrame) => StartSeconds + absoluteFrame * FrameSeconds;

    /// <summary>Absolute frame containing media time <paramref name="seconds"/> (may be outside the buffer).</summary>
    public int FrameAt(double seconds) => (int)Math.Floor((seconds - StartSeconds) / FrameSeconds + 1e-9);

    /// <summary>Appends the next block; it must continue the previous one (same vocabulary and stride, adjacent time).</summary>
    public void Append(EmissionMatrix block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (IsEmpty)
        {
            VocabularySize = block.VocabularySize;
            FrameSeconds = block.FrameSeconds;
            StartSeconds = block.StartSeconds;
        }
        else
        {
            if (block.VocabularySize != VocabularySize)
                throw new AlignmentException(
                    $"Emission block at {block.StartSeconds:0.###} s has {block.VocabularySize} tokens, the stream {VocabularySize}.");
            if (Math.Abs(block.FrameSeconds - FrameSeconds) > 1e-9)
                throw new AlignmentException(
                    $"Emission block at {block.StartSeconds:0.###} s has a {block.FrameSeconds} s stride, the stream {FrameSeconds} s.");
            var expected = TimeOf(EndFrame);
            if (Math.Abs(block.StartSeconds - expected) > FrameSeconds / 2)
                throw new AlignmentException(
                    $"Emission block starts at {block.StartSeconds:0.###} s; the stream expected {expected:0.###} s (blocks must be adjacent and in order).");
        }
        if (block.Frames == 0)
            return;

        var needed = (_count + block.Frames) * VocabularySize;
        if (needed > _data.Length)
            Array.Resize(ref _data, Math.Max(needed, _data.Length * 3 / 2));
        Array.Copy(block.LogProbs, 0, _data, _count * VocabularySize, block.Frames * VocabularySize);
        _count += block.Frames;
        PeakBufferedFrames = Math.Max(PeakBufferedFrames, _count);
    }

    /// <summary>Drops every frame before <paramref name="absoluteFrame"/> (no-op for frames already released).</summary>
    public void ReleaseBefore(int absoluteFrame)
    {
        var drop = Math.Clamp(absoluteFrame - BaseFrame, 0, _count);
        if (drop == 0)
            return;
        Array.Copy(_data, drop * VocabularySize, _data, 0, (_count - drop) * VocabularySize);
        _count -= drop;
        BaseFrame += drop;
    }

    /// <summary>A copy of absolute frames <c>[start, end)</c>, which must be buffered, as an emission matrix in media time.</summary>
    public EmissionMatrix Window(int start, int end)
    {
        if (start < BaseFrame || end > EndFrame || start > end)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Window [{start}, {end}) is outside the buffered frames [{BaseFrame}, {EndFrame}).");
        var values = _data.AsSpan((start - BaseFrame) * VocabularySize, (end - start) * VocabularySize).ToArray();
        return new EmissionMatrix(values, end - start, VocabularySize, FrameSeconds, TimeOf(start));
    }

    /// <summary>Index of the most likely token at buffered absolute frame <paramref name="absoluteFrame"/>.</summary>
    public int ArgMax(int absoluteFrame) =>
        EmissionMatrix.ArgMax(_data.AsSpan((absoluteFrame - BaseFrame) * VocabularySize, VocabularySize));
}
