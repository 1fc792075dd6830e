namespace CtcAlign.Alignment;

/// <summary>
/// CTC log-probabilities of one stretch of audio: row-major <c>[Frames, VocabularySize]</c> in one
/// contiguous array. Frame <c>t</c> covers <c>[t * FrameSeconds, (t + 1) * FrameSeconds)</c> relative to
/// <see cref="StartSeconds"/>, the media time of frame 0.
/// </summary>
public sealed class EmissionMatrix
{
    public EmissionMatrix(float[] logProbs, int frames, int vocabularySize, double frameSeconds, double startSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSeconds);
        if ((long)frames * vocabularySize > logProbs.Length)
            throw new ArgumentException(
                $"Emission array holds {logProbs.Length} values, fewer than frames {frames} x vocabulary {vocabularySize}.",
                nameof(logProbs));
        LogProbs = logProbs;
        Frames = frames;
        VocabularySize = vocabularySize;
        FrameSeconds = frameSeconds;
        StartSeconds = startSeconds;
    }

    /// <summary>Row-major values; only the first <c>Frames * VocabularySize</c> are meaningful.</summary>
    public float[] LogProbs { get; }

    public int Frames { get; }

    public int VocabularySize { get; }

    /// <summary>Duration of one frame (the model's stride), in seconds.</summary>
    public double FrameSeconds { get; }

    /// <summary>Media time of frame 0, in seconds (non-zero for a window cut from a longer file).</summary>
    public double StartSeconds { get; }

    public double DurationSeconds => Frames * FrameSeconds;

    public ReadOnlySpan<float> Row(int frame) => LogProbs.AsSpan(frame * VocabularySize, VocabularySize);

    public float this[int frame, int token] => LogProbs[frame * VocabularySize + token];

    /// <summary>Media time, in seconds, of the start of <paramref name="frame"/>.</summary>
    public double TimeOf(int frame) => StartSeconds + frame * FrameSeconds;

    /// <summary>The frame that contains media time <paramref name="seconds"/>, clamped to [0, Frames].</summary>
    public int FrameAt(double seconds) =>
        Math.Clamp((int)Math.Floor((seconds - StartSeconds) / FrameSeconds + 1e-9), 0, Frames);

    /// <summary>The first frame starting at or after media time <paramref name="seconds"/>, clamped to [0, Frames].</summary>
    public int FrameAtOrAfter(double seconds) =>
        Math.Clamp((int)Math.Ceiling((seconds - StartSeconds) / FrameSeconds - 1e-9), 0, Frames);

    /// <summary>The most likely token at <paramref name="frame"/> (the first on ties).</summary>
    public int ArgMax(int frame) => ArgMax(Row(frame));

    /// <summary>Index of the largest value of a row (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var v = 1; v < row.Length; v++)
            if (row[v] > row[best])
                best = v;
        return best;
    }

    /// <summary>A copy of frames <c>[startFrame, endFrame)</c>, with its own <see cref="StartSeconds"/>.</summary>
    public EmissionMatrix Slice(int startFrame, int endFrame)
    {
        if (startFrame < 0 || endFrame > Frames || startFrame > endFrame)
            throw new ArgumentOutOfRangeException(nameof(startFrame),
                $"Slice [{startFrame}, {endFrame}) is outside the {Frames} frames.");
        var data = LogProbs.AsSpan(startFrame * VocabularySize, (endFrame - startFrame) * VocabularySize).ToArray();
        return new EmissionMatrix(data, endFrame - startFrame, VocabularySize, FrameSeconds, TimeOf(startFrame));
    }
}
