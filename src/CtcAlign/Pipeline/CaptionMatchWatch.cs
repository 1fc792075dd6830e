using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// Follows a file's emission blocks as they stream past and judges each part of the file (<see cref="CaptionMatchCheck.Parts"/>)
/// once its last frame has been seen, holding only the blocks of the part being collected. <see cref="Verdict"/> is the file's
/// verdict over the parts judged so far (<see cref="CaptionMatchCheck.Combine"/>), <see cref="Settled"/> whether the parts still
/// to come can change it.
/// </summary>
public sealed class CaptionMatchWatch
{
    private readonly IReadOnlyList<(double Start, double End)> _parts;
    private readonly Func<EmissionMatrix, double?, CaptionMatchVerdict> _judge;
    private readonly List<EmissionMatrix> _held = [];
    private readonly List<CaptionMatchVerdict> _verdicts = [];
    private int _next;
    private double _secondsSeen;

    /// <param name="parts">The parts to judge, in order, not overlapping.</param>
    /// <param name="judge">Judges one part's emissions; gets the file's duration when it became known by the stream's end.</param>
    public CaptionMatchWatch(IReadOnlyList<(double Start, double End)> parts, Func<EmissionMatrix, double?, CaptionMatchVerdict> judge)
    {
        _parts = parts ?? throw new ArgumentNullException(nameof(parts));
        _judge = judge ?? throw new ArgumentNullException(nameof(judge));
    }

    /// <summary>Each judged part's own verdict, in file order (parts without speech are not checked).</summary>
    public IReadOnlyList<CaptionMatchVerdict> PartVerdicts => _verdicts;

    /// <summary>Parts not judged yet.</summary>
    public int PartsLeft => _parts.Count - _next;

    /// <summary>True or false once the parts judged decide the file's verdict whatever the others say; null while open.</summary>
    public bool? Settled => CaptionMatchCheck.Settled(_verdicts, PartsLeft);

    /// <summary>The file's verdict over the parts judged so far.</summary>
    public CaptionMatchVerdict Verdict => CaptionMatchCheck.Combine(_verdicts);

    /// <summary>The next block of the stream (blocks come in order and do not overlap).</summary>
    public void Offer(EmissionMatrix block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var blockEnd = block.StartSeconds + block.DurationSeconds;
        _secondsSeen = Math.Max(_secondsSeen, blockEnd);
        while (_next < _parts.Count)
        {
            var (start, end) = _parts[_next];
            if (blockEnd > start && block.StartSeconds < end && (_held.Count == 0 || !ReferenceEquals(_held[^1], block)))
                _held.Add(block);
            if (blockEnd < end - block.FrameSeconds / 2)
                break;
            JudgeNext(null);
        }
    }

    /// <summary>The stream ended: the part being collected is judged on what it had; parts past the end are never judged.</summary>
    public void Finish()
    {
        if (_next < _parts.Count && _held.Count > 0)
            JudgeNext(_secondsSeen);
        _next = _parts.Count;
        _held.Clear();
    }

    private void JudgeNext(double? durationAtEnd)
    {
        var (start, end) = _parts[_next++];
        if (_held.Count > 0)
        {
            var joined = Join(_held);
            var from = joined.FrameAtOrAfter(start);
            var to = joined.FrameAtOrAfter(end);
            if (to > from)
                _verdicts.Add(_judge(joined.Slice(from, to), durationAtEnd));
        }
        // a block across the boundary belongs to the next part too
        var nextStart = _next < _parts.Count ? _parts[_next].Start : double.PositiveInfinity;
        _held.RemoveAll(b => b.StartSeconds + b.DurationSeconds <= nextStart);
    }

    /// <summary>Adjacent blocks as one matrix.</summary>
    internal static EmissionMatrix Join(IReadOnlyList<EmissionMatrix> blocks)
    {
        if (blocks.Count == 1)
            return blocks[0];
        var v = blocks[0].VocabularySize;
        var frames = blocks.Sum(b => b.Frames);
        var data = new float[frames * v];
        var at = 0;
        foreach (var b in blocks)
        {
            Array.Copy(b.LogProbs, 0, data, at, b.Frames * v);
            at += b.Frames * v;
        }
        return new EmissionMatrix(data, frames, v, blocks[0].FrameSeconds, blocks[0].StartSeconds);
    }
}
