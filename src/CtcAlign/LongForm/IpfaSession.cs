using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Text;

namespace CtcAlign.LongForm;

/// <summary>The state of one IPFA run over one file: anchor, carried text, placements. Used once.</summary>
internal sealed class IpfaSession
{
    private const int HintOffsetHistory = 9;

    private readonly IpfaOptions _o;
    private readonly Vocabulary _vocabulary;
    private readonly IUtteranceSegmenter _segmenter;
    private readonly IWordAligner _wordAligner;
    private readonly IReadOnlyList<CaptionLine> _captions;
    private readonly IReadOnlyList<IReadOnlyList<TextChunk>> _chunks;
    private readonly EmissionFeed _feed;
    private readonly double? _mediaDuration;
    private readonly CancellationToken _ct;
    private readonly AlignmentWork _work;

    private readonly List<TextChunk> _carry = [];
    private readonly double?[] _respreadEnd;
    private readonly List<double> _hintOffsets = [];
    private int _anchor;
    private int _consecutiveFailures;
    private string? _gaveUp;
    private (int Line, int Chunk)? _pendingAfter;
    private int _windows, _segmentations, _accepted, _expanded, _failed, _respreads, _largestWindow;

    public IpfaSession(
        IpfaOptions options, Vocabulary vocabulary, IUtteranceSegmenter segmenter, IWordAligner wordAligner,
        IReadOnlyList<CaptionLine> captions, IReadOnlyList<IReadOnlyList<TextChunk>> chunks, EmissionFeed feed,
        double? mediaDurationSeconds, CancellationToken cancellationToken)
    {
        _work = new AlignmentWork(segmenter, wordAligner, options.ReuseAlignmentWork);
        (_o, _vocabulary, _segmenter, _wordAligner) = (options, vocabulary, _work, _work);
        (_captions, _chunks, _feed, _mediaDuration, _ct) = (captions, chunks, feed, mediaDurationSeconds, cancellationToken);
        _respreadEnd = new double?[captions.Count];
    }

    public Dictionary<(int Line, int Chunk), ChunkPlacement> Placements { get; } = [];

    public PlacementRefiner? Refiner { get; init; }

    public Dictionary<int, string> UnplacedReasons { get; } = [];

    private EmissionBuffer Buffer => _feed.Buffer;

    private double AnchorSeconds => Buffer.TimeOf(_anchor);

    public LongFormStatistics Statistics(int peakBufferedFrames) =>
        new(_windows, _segmentations, _accepted, _expanded, _failed, _respreads, peakBufferedFrames, _largestWindow, _gaveUp)
        {
            SegmenterCalls = _work.SegmenterCalls,
            SegmentedFrames = _work.SegmentedFrames,
            WordAlignerCalls = _work.WordAlignerCalls,
            WordAlignedFrames = _work.WordAlignedFrames,
            ReusedAnswers = _work.Reused,
        };

    public async Task RunAsync()
    {
        var lastLine = Enumerable.Range(0, _captions.Count).LastOrDefault(i => _chunks[i].Count > 0, -1);
        if (lastLine < 0)
            return;
        if (!await FindSpeechStartAsync().ConfigureAwait(false))
        {
            MarkUnplaced(0, "no speech found in the audio");
            return;
        }

        for (var line = 0; line <= lastLine && _gaveUp is null; line++)
        {
            _ct.ThrowIfCancellationRequested();
            if (_chunks[line].Count == 0)
                continue;
            var text = new List<TextChunk>(_carry);
            text.AddRange(_chunks[line]);
            _carry.Clear();
            await AlignWindowAsync(text, line, line == lastLine, mustAccept: false).ConfigureAwait(false);
        }

        // Text still carried after the last line: place it in the remaining audio, keeping whatever fits.
        while (_carry.Count > 0 && _gaveUp is null)
        {
            _ct.ThrowIfCancellationRequested();
            var text = new List<TextChunk>(_carry);
            _carry.Clear();
            var placedBefore = Placements.Count;
            await AlignWindowAsync(text, lastLine, isLast: true, mustAccept: true).ConfigureAwait(false);
            if (Placements.Count == placedBefore)
                break;
        }

        FinishEdgeSpeech();
        var reason = _gaveUp is not null
            ? $"not placed: gave up on the file ({_gaveUp})"
            : "not placed: the audio ended before this text could be placed";
        foreach (var chunk in _carry)
            UnplacedReasons.TryAdd(chunk.LineIndex, reason);
        if (_gaveUp is not null)
            MarkUnplaced(0, reason);
    }

    /// <summary>The first anchor: the first frame whose best token is neither blank nor a word delimiter, minus padding.</summary>
    private async Task<bool> FindSpeechStartAsync()
    {
        var padFrames = 0;
        var frame = 0;
        while (true)
        {
            if (Buffer.IsEmpty || frame >= Buffer.EndFrame)
            {
                _ct.ThrowIfCancellationRequested();
                if (!Buffer.IsEmpty)
                    Buffer.ReleaseBefore(frame - padFrames);
                if (!await _feed.ReadNextAsync().ConfigureAwait(false))
                    return false;
                padFrames = (int)Math.Round(_o.SpeechStartPaddingSeconds / Buffer.FrameSeconds);
                continue;
            }
            var best = Buffer.ArgMax(frame);
            if (best != _vocabulary.BlankIndex && best != _vocabulary.WordDelimiterIndex)
            {
                _anchor = Math.Max(Buffer.BaseFrame, frame - padFrames);
                Buffer.ReleaseBefore(_anchor);
                return true;
            }
            frame++;
        }
    }

    private async Task AlignWindowAsync(List<TextChunk> text, int line, bool isLast, bool mustAccept)
    {
        if (_feed.Ended && _anchor >= Buffer.EndFrame - 1)
        {
            _carry.InsertRange(0, text); // no audio left: reported as not placed
            return;
        }
        var fs = Buffer.FrameSeconds;
        var chars = Characters(text);
        var rateEnd = AnchorSeconds + chars * _o.SecondsPerCharacter * _o.MarginFactor;
        var predictedEnd = PredictEnd(line, rateEnd);
        if (isLast) // the last line may use the rest of the audio, up to just under the give-up window
            predictedEnd = Math.Min(Math.Max(predictedEnd, Math.Max(rateEnd, AnchorSeconds + _o.MaxWindowSeconds)),
                AnchorSeconds + _o.GiveUpWindowSeconds - fs);
        else if (predictedEnd - AnchorSeconds >= RespreadFrom(line) && Respread(line))
            predictedEnd = PredictEnd(line, rateEnd);
        if (predictedEnd - AnchorSeconds >= _o.GiveUpWindowSeconds)
        {
            GiveUp($"a window reached {predictedEnd - AnchorSeconds:0} s without an anchor, limit {_o.GiveUpWindowSeconds:0} s", text);
            return;
        }

        var end = await FillWindowAsync(predictedEnd).ConfigureAwait(false);
        var r = Proportion(chars, end - _anchor);
        if (!isLast && r < _o.MinTextToAudio)
        {
            _expanded++;
            _carry.InsertRange(0, text);
            return;
        }

        var needed = UtterancePlacer.NeededFrames(text);
        if ((r > _o.MaxTextToAudio || needed > end - _anchor) && rateEnd > predictedEnd)
        {
            // The hint cannot be right: the text does not fit. Fall back to the expected speech length.
            end = await FillWindowAsync(Math.Min(rateEnd, AnchorSeconds + _o.GiveUpWindowSeconds - fs)).ConfigureAwait(false);
            r = Proportion(chars, end - _anchor);
        }
        while (text.Count > 0 && (UtterancePlacer.NeededFrames(text) > end - _anchor
                                  || (r > _o.MaxTextToAudio && Characters(text) >= end - _anchor)))
            MoveLastToCarry(text);
        if (text.Count == 0)
        {
            Fail("no chunk of the text fits the window");
            return;
        }

        _windows++;
        var window = Buffer.Window(_anchor, end);
        var attempt = Segment(window, text);
        var guard = (int)Math.Round(_o.WindowEndGuardSeconds / fs);
        for (var extension = 0; extension < 3 && attempt is not null && !(_feed.Ended && end >= Buffer.EndFrame)
             && attempt.LastSpanEnd >= window.Frames - guard
             && Buffer.TimeOf(end) + _o.WindowExtensionSeconds - AnchorSeconds < _o.GiveUpWindowSeconds; extension++)
        {
            // The text reaches the window's end: it may be cut. Look a little further.
            end = await FillWindowAsync(Buffer.TimeOf(end) + _o.WindowExtensionSeconds).ConfigureAwait(false);
            window = Buffer.Window(_anchor, end);
            attempt = Segment(window, text);
        }
        _largestWindow = Math.Max(_largestWindow, end - _anchor);
        Attempt? previous = null;
        while (true)
        {
            var current = attempt ?? Segment(window, text);
            attempt = null;
            if (current is null)
            {
            _carry.InsertRange(0, text);
                Fail("the segmenter could not place the text in the window");
                return;
            }
            if (mustAccept)
            {
                Accept(window, current);
                return;
            }
            var bad = current.Score < _o.AnchorThreshold;
            if (previous is null)
            {
                if (bad)
                {
                    MoveLastToCarry(text);
                    if (text.Count == 0)
                        return; // a single chunk that still fails is carried into the next window
                    continue;
                }
                if (current.Score > _o.VeryGoodThreshold || text.Count == 1)
                {
                    Accept(window, current);
                    return;
                }
                previous = current;
                MoveLastToCarry(text);
                continue;
            }
            if (!bad && current.Score > _o.VeryGoodThreshold)
            {
                Accept(window, current);
                return;
            }
            if (bad || previous.Score >= current.Score)
            {
                _carry.RemoveAt(0);
                Accept(window, previous);
                return;
            }
            if (text.Count == 1)
            {
                Accept(window, current);
                return;
            }
            previous = current;
            MoveLastToCarry(text);
        }
    }

    private sealed record Attempt(ChunkPlacement[] Placements, IReadOnlyList<TextChunk> Chunks, double Score, int LastSpanEnd);

    private Attempt? Segment(EmissionMatrix window, List<TextChunk> text)
    {
        _segmentations++;
        IReadOnlyList<UtteranceSpan> spans;
        try
        {
            spans = _segmenter.Segment(window, text.Select(c => c.ToUtterance() with { Band = BandOf(c.LineIndex) }).ToArray());
        }
        catch (AlignmentException)
        {
            return null;
        }
        if (spans.Count != text.Count)
            throw new InvalidOperationException($"The segmenter returned {spans.Count} spans for {text.Count} utterances.");
        var placements = UnheardEdgeExtension.Apply(window, text,
            UtterancePlacer.Place(window, text, spans, _segmenter, _wordAligner, _o), _vocabulary.BlankIndex, _o);
        var last = placements[^1];
        var score = last.Rho;
        if (text[^1].Text.CharacterCount < _o.ShortSegmentCharacters)
            score += _o.ShortSegmentPenalty;
        if (last.WordProblem is not null || last.Caveat is not null || !LineTimingCheck.Check(last.Words, _o).Passed)
            score += _o.TimingPenalty;
        return new Attempt(placements, text.ToArray(), score, spans[^1].EndFrame);
    }

    private void Accept(EmissionMatrix window, Attempt attempt)
    {
        _accepted++;
        _consecutiveFailures = 0;
        var placements = WithEdgeSpeech(attempt.Chunks, PlacementRefinement.Apply(window, attempt.Chunks, attempt.Placements, Refiner, _o));
        for (var k = 0; k < placements.Length; k++)
            Placements[(placements[k].LineIndex, placements[k].ChunkIndex)] = placements[k] with
            {
                WindowPosition = placements.Length == 1 ? 1 : k / (double)(placements.Length - 1),
                WindowChunks = placements.Length,
            };
        var last = attempt.Placements[^1];
        var endSeconds = last.Words.Count > 0 ? LineTimingCheck.WithoutStrayEdgeWords(last.Words, _o).End : last.SpanEnd;
        // A re-spread predicted the windows from the anchor it was made at; from the new anchor the hints (or the
        // character rate) predict again, as they do everywhere else in the file.
        Array.Clear(_respreadEnd);
        var newAnchor = Buffer.FrameAt(endSeconds - 1e-9) + 1;
        _anchor = Math.Clamp(newAnchor, _anchor, _anchor + window.Frames);
        Buffer.ReleaseBefore(_anchor);
        _work.Forget(AnchorSeconds, Buffer.FrameSeconds);

        var lastChunk = attempt.Chunks[^1];
        var hintEnd = _captions[lastChunk.LineIndex].End;
        if (_o.LearnHintOffset && hintEnd is { } h && lastChunk.ChunkIndex == lastChunk.ChunkCount - 1
            && last.Words.Count > 0)
        {
            _hintOffsets.Add(endSeconds - h);
            if (_hintOffsets.Count > HintOffsetHistory)
                _hintOffsets.RemoveAt(0);
        }
    }

    /// <summary>
    /// The placements with the unexplained speech at their line edges (<see cref="EdgeSpeech"/>): before a line's first
    /// chunk back to the previous placed words (the window's start, where the previous window's words end, for the
    /// first); after a line's last chunk up to the next placed words. What follows the window's last chunk is measured
    /// when the next window is accepted (its first words bound it) or when the file ends.
    /// </summary>
    private ChunkPlacement[] WithEdgeSpeech(IReadOnlyList<TextChunk> chunks, ChunkPlacement[] placements)
    {
        var result = placements.ToArray();
        var firstWords = Enumerable.Range(0, result.Length).FirstOrDefault(k => result[k].Words.Count > 0, -1);
        if (_pendingAfter is { } pending && Placements.TryGetValue(pending, out var before) && before.Words.Count > 0)
        {
            var bound = firstWords >= 0 ? result[firstWords].Words[0].Start : Buffer.TimeOf(Buffer.EndFrame);
            Placements[pending] = before with { SpeechAfter = EdgeSpeech.After(Buffer, IsSpeech, before.Words[^1].End, bound, _o) };
        }
        _pendingAfter = null;
        var previousEnd = Buffer.TimeOf(Buffer.BaseFrame);
        for (var k = 0; k < result.Length; k++)
        {
            var words = result[k].Words;
            var from = Math.Min(result[k].SpanStart, words.Count > 0 ? words[0].Start : result[k].SpanStart);
            var to = Math.Max(result[k].SpanEnd, words.Count > 0 ? words[^1].End : result[k].SpanEnd);
            result[k] = result[k] with { Letters = HeardLetters(chunks[k].ChunkIndex == 0 ? from : Math.Min(from, previousEnd), to) };
            if (words.Count == 0)
                continue;
            if (chunks[k].ChunkIndex == 0)
                result[k] = result[k] with { SpeechBefore = EdgeSpeech.Before(Buffer, IsSpeech, words[0].Start, previousEnd, _o) };
            previousEnd = Math.Max(previousEnd, words[^1].End);
            if (chunks[k].ChunkIndex != chunks[k].ChunkCount - 1)
                continue;
            var next = Enumerable.Range(k + 1, result.Length - k - 1).FirstOrDefault(j => result[j].Words.Count > 0, -1);
            if (next >= 0)
                result[k] = result[k] with { SpeechAfter = EdgeSpeech.After(Buffer, IsSpeech, words[^1].End, result[next].Words[0].Start, _o) };
            else
                _pendingAfter = (result[k].LineIndex, result[k].ChunkIndex);
        }
        return result;
    }

    /// <summary>Measures what follows the last accepted line's last chunk, to the end of the buffered audio (the file ended).</summary>
    private void FinishEdgeSpeech()
    {
        if (_pendingAfter is { } pending && Placements.TryGetValue(pending, out var last) && last.Words.Count > 0 && !Buffer.IsEmpty)
            Placements[pending] = last with
            {
                SpeechAfter = EdgeSpeech.After(Buffer, IsSpeech, last.Words[^1].End, Buffer.TimeOf(Buffer.EndFrame), _o),
            };
        _pendingAfter = null;
    }

    /// <summary>The buffered frames in <c>[fromSeconds, toSeconds)</c> whose best token is a letter (<see cref="IsSpeech"/>).</summary>
    private LetterFrames HeardLetters(double fromSeconds, double toSeconds)
    {
        var first = Math.Max(Buffer.BaseFrame, Buffer.FrameAt(fromSeconds));
        var end = Math.Min(Buffer.EndFrame, Buffer.FrameAt(toSeconds) + 1);
        var starts = new List<double>();
        for (var t = first; t < end; t++)
        {
            if (IsSpeech(t))
                starts.Add(Buffer.TimeOf(t));
        }
        return new LetterFrames(Buffer.FrameSeconds, starts);
    }

    private bool IsSpeech(int absoluteFrame)
    {
        var best = Buffer.ArgMax(absoluteFrame);
        return best != _vocabulary.BlankIndex && best != _vocabulary.WordDelimiterIndex;
    }

    /// <summary>
    /// The window length from which the remaining text is re-spread over the remaining audio. A line with a caption time
    /// keeps its hint (a long window is a break without captions, or text carried from an anchor that lags) unless the
    /// window would reach the give-up length: the spread depends on how much text and audio remain, which is where the
    /// window sits in the file, so the same programme would be aligned differently at the start and the end of a file.
    /// </summary>
    private double RespreadFrom(int line) => _captions[line].End is null ? _o.MaxWindowSeconds : _o.GiveUpWindowSeconds;

    private double PredictEnd(int line, double rateEnd)
    {
        if (_respreadEnd[line] is { } spread)
            return spread;
        if (_captions[line].End is { } hint)
            return hint + HintOffset();
        return rateEnd;
    }

    /// <summary>
    /// Where the line's caption times let it be (<see cref="IpfaOptions.HintBandSeconds"/>), or null: only while the last
    /// <see cref="IpfaOptions.HintBandMinAnchors"/> anchors agree on the captions' offset within the band's width, and
    /// centred on their median, so that where the audio was edited after the captions were timed (an offset that jumps)
    /// the band waits until the new offset is learned instead of holding lines to the old one.
    /// </summary>
    private HintBand? BandOf(int line)
    {
        if (_o.HintBandSeconds is not > 0 || _hintOffsets.Count < _o.HintBandMinAnchors
            || _captions[line].Start is not { } start || _captions[line].End is not { } end)
            return null;
        var width = _o.HintBandSeconds.Value;
        var recent = _hintOffsets.Skip(_hintOffsets.Count - _o.HintBandMinAnchors).Order().ToArray();
        if (recent[^1] - recent[0] > width)
            return null;
        var offset = recent[recent.Length / 2];
        return new HintBand(start + offset - width, end + offset + width);
    }

    private double HintOffset()
    {
        if (_hintOffsets.Count == 0)
            return 0;
        var sorted = _hintOffsets.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Spreads the remaining text (carried and not yet read) over the remaining audio, from the anchor.</summary>
    private bool Respread(int line)
    {
        double? end = _mediaDuration;
        if (_feed.Ended)
            end = Buffer.TimeOf(Buffer.EndFrame);
        end ??= Enumerable.Range(line, _captions.Count - line).Select(i => _captions[i].End).LastOrDefault(e => e is not null) + HintOffset();
        if (end is not { } audioEnd || audioEnd <= AnchorSeconds)
            return false;
        _respreads++;
        var charsPerLine = new double[_captions.Count];
        foreach (var c in _carry)
            charsPerLine[c.LineIndex] += c.Text.CharacterCount;
        for (var i = line; i < _captions.Count; i++)
            charsPerLine[i] = _chunks[i].Sum(c => c.Text.CharacterCount);
        var first = _carry.Count > 0 ? _carry[0].LineIndex : line;
        var total = charsPerLine.Skip(first).Sum();
        if (total <= 0)
            return false;
        double cumulative = 0;
        for (var i = first; i < _captions.Count; i++)
        {
            cumulative += charsPerLine[i];
            _respreadEnd[i] = AnchorSeconds + (audioEnd - AnchorSeconds) * cumulative / total;
        }
        return true;
    }

    private async Task<int> FillWindowAsync(double endSeconds)
    {
        var end = Math.Max(_anchor + 1, (int)Math.Ceiling((endSeconds - Buffer.StartSeconds) / Buffer.FrameSeconds - 1e-9));
        await _feed.FillToAsync(end).ConfigureAwait(false);
        return Math.Min(end, Buffer.EndFrame);
    }

    private double Proportion(int characters, int frames) =>
        frames <= 0 ? double.PositiveInfinity : characters * _o.SecondsPerCharacter * _o.MarginFactor / (frames * Buffer.FrameSeconds);

    private void MoveLastToCarry(List<TextChunk> text)
    {
        _carry.Insert(0, text[^1]);
        text.RemoveAt(text.Count - 1);
    }

    private void Fail(string why)
    {
        _failed++;
        _consecutiveFailures++;
        if (_consecutiveFailures >= _o.MaxConsecutiveFailures)
            _gaveUp = $"{_consecutiveFailures} consecutive windows failed, the last because {why}";
    }

    private void GiveUp(string why, List<TextChunk> text)
    {
        _carry.InsertRange(0, text);
        _gaveUp = why;
    }

    /// <summary>Marks every line from <paramref name="fromLine"/> that has text and no placement as not placed.</summary>
    private void MarkUnplaced(int fromLine, string reason)
    {
        for (var i = fromLine; i < _captions.Count; i++)
            if (_chunks[i].Count > 0 && !_chunks[i].All(c => Placements.ContainsKey((i, c.ChunkIndex))))
                UnplacedReasons.TryAdd(i, reason);
    }

    private static int Characters(IEnumerable<TextChunk> chunks) => chunks.Sum(c => c.Text.CharacterCount);
}
