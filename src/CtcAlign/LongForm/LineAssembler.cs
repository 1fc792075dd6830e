using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.LongForm;

/// <summary>Turns chunk placements into one <see cref="AlignedSegment"/> per caption line, with status and reason.</summary>
public static class LineAssembler
{
    /// <summary>The reason of a line whose caption times chose its place (<see cref="LineChecks.PlacedByHint"/>).</summary>
    public const string PlacedByHintReason = "placed by its caption times (the audio alone put it more than 0.5 s away)";

    /// <summary>Rho reported for a line that was never placed.</summary>
    public const double UnplacedRho = double.NegativeInfinity;

    /// <param name="chunks">Chunks per line (empty for lines without speakable text).</param>
    /// <param name="placements">Placements keyed by (line, chunk).</param>
    /// <param name="unplacedReasons">Why a line (or one of its chunks) could not be placed, by line.</param>
    /// <param name="checkTiming">Apply <see cref="LineTimingCheck"/> and take start/end from the words (IPFA);
    /// false: start/end are the segmenter's spans and only rho decides (the plain global baseline).</param>
    public static IReadOnlyList<AlignedSegment> Assemble(
        IReadOnlyList<CaptionLine> captions,
        IReadOnlyList<IReadOnlyList<TextChunk>> chunks,
        IReadOnlyDictionary<(int Line, int Chunk), ChunkPlacement> placements,
        IReadOnlyDictionary<int, string> unplacedReasons,
        IpfaOptions options,
        bool checkTiming)
    {
        var segments = new AlignedSegment[captions.Count];
        for (var i = 0; i < captions.Count; i++)
        {
            var caption = captions[i];
            var lineChunks = chunks[i];
            var normalized = string.Join(' ', lineChunks.Select(c => c.Text.NormalizedText));
            AlignedSegment Make(double? start, double? end, double rho, SegmentStatus status, IReadOnlyList<AlignedWord> words, string? reason) =>
                new(caption.Index, caption.Text, normalized, start, end, rho, status, words)
                {
                    HintStart = caption.Start,
                    HintEnd = caption.End,
                    StatusReason = reason,
                };

            if (lineChunks.Count == 0)
            {
                segments[i] = Make(null, null, UnplacedRho, SegmentStatus.NotAligned, [], "no speakable text after normalisation");
                continue;
            }
            var placed = lineChunks.Select(c => placements.GetValueOrDefault((i, c.ChunkIndex))).ToArray();
            if (unplacedReasons.TryGetValue(i, out var why) || placed.Any(p => p is null))
            {
                var placedRhos = placed.Where(p => p is not null).Select(p => p!.Rho).ToArray();
                segments[i] = Make(null, null, placedRhos.Length > 0 ? placedRhos.Min() : UnplacedRho, SegmentStatus.NotAligned, [],
                    why ?? "part of the line could not be placed");
                continue;
            }

            var rho = placed.Min(p => p!.Rho);
            if (rho < options.NotAlignedBelowRho)
            {
                segments[i] = Make(null, null, rho, SegmentStatus.NotAligned, [],
                    $"placed with rho {rho:0.00}, below {options.NotAlignedBelowRho:0.##}: most likely never spoken");
                continue;
            }

            var words = placed.SelectMany(p => p!.Words).ToArray();
            var problems = new List<string>();
            var checks = LineChecks.None;
            var threshold = options.AlignedThreshold ?? options.AnchorThreshold;
            if (rho < threshold)
            {
                problems.Add($"rho {rho:0.00} below the threshold {threshold:0.##}");
                checks |= LineChecks.LowRho;
            }
            var wordProblem = placed.Select(p => p!.WordProblem).FirstOrDefault(p => p is not null);
            if (checkTiming)
            {
                var caveats = placed.Select(p => p!.Caveat).OfType<string>().ToArray();
                problems.AddRange(caveats);
                if (caveats.Length > 0)
                    checks |= LineChecks.Caveat;
                if (placed.Any(p => p!.PlacedByHint))
                {
                    problems.Add(PlacedByHintReason);
                    checks |= LineChecks.PlacedByHint;
                }
            }
            double start, end;
            if (!checkTiming)
            {
                (start, end) = (placed[0]!.SpanStart, placed[^1]!.SpanEnd);
            }
            else if (wordProblem is not null || words.Length == 0)
            {
                (start, end) = (placed[0]!.SpanStart, placed[^1]!.SpanEnd);
                problems.Add(wordProblem ?? "no word times");
                checks |= LineChecks.WordProblem;
            }
            else
            {
                var timing = LineTimingCheck.Check(words, options);
                (start, end) = (timing.Start, timing.End);
                if (!timing.Passed)
                    problems.Add(timing.Problem!);
                checks |= timing.Failed switch
                {
                    LineTimingCheck.Failure.Pause => LineChecks.Pause,
                    LineTimingCheck.Failure.NotHeard => LineChecks.NotHeard,
                    LineTimingCheck.Failure.SlowSpeech => LineChecks.SlowSpeech,
                    _ => LineChecks.None,
                };
            }
            var silence = LetterFrames.Join(placed.Select(p => p!.Letters))?.Silence(start, end) ?? (0, 0);
            var facts = new LineFacts(checks, placed.Sum(p => p!.EdgeExtensionSeconds), placed[^1]!.WindowPosition, placed[^1]!.WindowChunks)
            {
                SilenceLongestSeconds = silence.Longest,
                SilenceEdgeSeconds = silence.Edge,
                SpeechBeforeSeconds = placed[0]!.SpeechBefore.Beyond ? 0 : placed[0]!.SpeechBefore.Seconds,
                SpeechBeforeLong = placed[0]!.SpeechBefore.Beyond,
                SpeechAfterSeconds = placed[^1]!.SpeechAfter.Beyond ? 0 : placed[^1]!.SpeechAfter.Seconds,
                SpeechAfterLong = placed[^1]!.SpeechAfter.Beyond,
            };
            var segment = problems.Count == 0
                ? Make(start, end, rho, SegmentStatus.Aligned, words, null) with { Facts = facts }
                : Make(start, end, rho, SegmentStatus.LowConfidence, words, string.Join("; ", problems)) with { Facts = facts };
            var notes = placed.Select(p => p!.RerankNote).Where(n => n is not null).ToArray();
            var measured = placed.Where(p => p!.CaptionWordErrors is not null).ToArray();
            segments[i] = segment with
            {
                RerankNote = notes.Length == 0 ? null : string.Join("; ", notes),
                CaptionWer = measured.Length == placed.Length
                    ? measured.Sum(p => p!.CaptionWordErrors!.Value) / (double)Math.Max(1, measured.Sum(p => p!.CaptionWordCount))
                    : null,
            };
        }
        return segments;
    }
}
