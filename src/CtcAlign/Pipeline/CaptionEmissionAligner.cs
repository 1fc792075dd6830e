using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Text;

namespace CtcAlign.Pipeline;

/// <summary>
/// The real <see cref="IEmissionAligner"/>: caption lines normalised to the model's tokens (<see cref="TextNormalizer"/>),
/// placed by IPFA (<see cref="IpfaAligner"/>, default) or by one global ctc-segmentation (<see cref="GlobalAligner"/>),
/// word times from CTC Viterbi with the peaky-CTC boundary corrections, then per accepted chunk optional latency
/// re-ranking and the caption-vs-audio WER (<see cref="AcceptedChunkRefiner"/>). Status: aligned (rho at or above
/// <see cref="AlignerSettings.Threshold"/> and the timing checks pass), low_confidence, or not_aligned, with the reason;
/// with a <see cref="AlignerSettings.Calibration"/>, every placed line gets p_correct and aligned means p_correct at or
/// above the min-p (<see cref="LineCalibrator"/>).
/// Stateless between calls: one instance serves several files at once.
/// </summary>
public sealed class CaptionEmissionAligner : IEmissionAligner
{
    private readonly Vocabulary _vocabulary;
    private readonly CaptionTokenizer _tokenizer;
    private readonly CtcUtteranceSegmenter _segmenter;
    private readonly ViterbiWordAligner _wordAligner;
    private readonly PlacementRefiner? _refiner;
    private readonly IpfaOptions _ipfa;

    public CaptionEmissionAligner(Vocabulary vocabulary, AlignerSettings? settings = null)
    {
        _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        Settings = settings ?? new AlignerSettings();
        _ipfa = Settings.Ipfa with { AlignedThreshold = Settings.Threshold };
        _ipfa.Validate();
        _tokenizer = NormalizingTokenizer.For(new TextNormalizer(vocabulary, Settings.Text));
        _segmenter = new CtcUtteranceSegmenter(vocabulary.BlankIndex,
            new CtcSegmentationOptions
            {
                StarLogProb = Settings.Aligner == AlignerKind.Ipfa ? Settings.SegmentStarLogProb : null,
                StarBeforeFirst = Settings.SegmentStarBeforeFirst,
            })
        {
            MaxBandCostNats = _ipfa.HintBandMaxCost,
        };
        _wordAligner = new ViterbiWordAligner(vocabulary.BlankIndex, new ViterbiOptions { StarLogProb = Settings.WordStarLogProb }, Settings.WordBoundaries);
        if (Settings.Awp != AwpProperty.None || Settings.CaptionWer)
            _refiner = new AcceptedChunkRefiner(vocabulary, Settings).Refine;
    }

    public AlignerSettings Settings { get; }

    public async Task<MediaAlignment> AlignAsync(MediaJob job, IAsyncEnumerable<EmissionMatrix> emissions, double? durationSeconds,
        CancellationToken cancellationToken) =>
        (await AlignWithStatisticsAsync(job, emissions, durationSeconds, cancellationToken).ConfigureAwait(false)).Alignment;

    /// <summary><see cref="AlignAsync"/>, with what the aligner did (windows, frames segmented and word-aligned).</summary>
    public async Task<(MediaAlignment Alignment, LongFormStatistics Statistics)> AlignWithStatisticsAsync(MediaJob job,
        IAsyncEnumerable<EmissionMatrix> emissions, double? durationSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(emissions);
        var checkedBlocks = CheckVocabulary(emissions, cancellationToken);
        CaptionMatchWatch? watch = null;
        if (Settings.MatchCheck.Enabled)
        {
            (checkedBlocks, watch) = await CheckCaptionsAsync(job, checkedBlocks, durationSeconds, cancellationToken).ConfigureAwait(false);
        }
        var result = Settings.Aligner == AlignerKind.Global
            ? await new GlobalAligner(_segmenter, _wordAligner, _tokenizer, _ipfa) { Refiner = _refiner }
                .AlignAsync(job.Captions, checkedBlocks, cancellationToken).ConfigureAwait(false)
            : await new IpfaAligner(_vocabulary, _segmenter, _wordAligner, _tokenizer, _ipfa) { Refiner = _refiner }
                .AlignAsync(job.Captions, checkedBlocks, durationSeconds, cancellationToken).ConfigureAwait(false);
        var verdict = watch?.Verdict ?? CaptionMatchVerdict.NotChecked;
        var segments = CaptionDifferenceCheck.Apply(
            LineCalibrator.Apply(result.Segments, Settings.Calibration, Settings.MinP, Settings.KeepEvidence), _ipfa);
        string? mismatch = null;
        if (!verdict.Matches)
        {
            // aligned anyway (--force): nothing of it is trusted
            mismatch = "captions do not match the audio: " + verdict.Describe();
            segments = segments.Select(s => s.Status == SegmentStatus.Aligned
                ? s with { Status = SegmentStatus.LowConfidence, StatusReason = "the captions do not match this media" }
                : s).ToList();
        }
        return (new MediaAlignment(job.Id, job.AudioPath, durationSeconds ?? result.SecondsRead, segments)
        {
            MismatchNote = mismatch, CaptionMatchNote = verdict.Checked ? verdict.Describe() : null,
        }, result.Statistics);
    }

    /// <summary>
    /// Judges the captions part by part as the emissions stream past (<see cref="CaptionMatchCheck.Parts"/>: beginning, middle,
    /// end, and more in long files). Before aligning, blocks are read ahead (and held) until a part with speech has been judged,
    /// and further while the parts judged say the captions do not match, up to half the file and one part: captions that
    /// do not belong stop there, before any alignment, at a cost of that audio's inference (<see cref="CaptionMismatchException"/>,
    /// unless <see cref="CaptionMatchOptions.AlignMismatched"/>). The held blocks, then the rest, go to the aligner; the later parts
    /// are judged as they pass, and the file stops as soon as its parts can no longer match.
    /// </summary>
    private async Task<(IAsyncEnumerable<EmissionMatrix> Blocks, CaptionMatchWatch Watch)> CheckCaptionsAsync(MediaJob job,
        IAsyncEnumerable<EmissionMatrix> blocks, double? durationSeconds, CancellationToken cancellationToken)
    {
        var options = Settings.MatchCheck;
        var watch = new CaptionMatchWatch(CaptionMatchCheck.Parts(durationSeconds, options), (part, durationAtEnd) =>
            CaptionMatchCheck.Judge(job.Captions, _tokenizer, part, durationSeconds ?? durationAtEnd, _vocabulary.BlankIndex,
                _vocabulary.WordDelimiterIndex, options));
        var readAhead = options.LookSeconds + (durationSeconds ?? 0) / 2; // through the middle part
        var enumerator = blocks.GetAsyncEnumerator(cancellationToken);
        var held = new List<EmissionMatrix>();
        var seconds = 0.0;
        var ended = false;
        try
        {
            while (watch.PartsLeft > 0 && seconds < readAhead
                && (!watch.Verdict.Checked || (!watch.Verdict.Matches && watch.Settled is null)))
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    ended = true;
                    watch.Finish();
                    break;
                }
                held.Add(enumerator.Current);
                watch.Offer(enumerator.Current);
                seconds += enumerator.Current.DurationSeconds;
            }
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (watch.Settled == false && !options.AlignMismatched)
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw new CaptionMismatchException(watch.Verdict);
        }
        return (Replay(held, enumerator, ended, watch, options.AlignMismatched), watch);
    }

    private static async IAsyncEnumerable<EmissionMatrix> Replay(List<EmissionMatrix> held, IAsyncEnumerator<EmissionMatrix> rest, bool ended,
        CaptionMatchWatch watch, bool alignMismatched)
    {
        try
        {
            foreach (var block in held)
                yield return block;
            if (!ended)
            {
                while (await rest.MoveNextAsync().ConfigureAwait(false))
                {
                    watch.Offer(rest.Current);
                    if (watch.Settled == false && !alignMismatched)
                        throw new CaptionMismatchException(watch.Verdict);
                    yield return rest.Current;
                }
                watch.Finish();
            }
            if (!watch.Verdict.Matches && !alignMismatched)
                throw new CaptionMismatchException(watch.Verdict);
        }
        finally
        {
            await rest.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<EmissionMatrix> CheckVocabulary(IAsyncEnumerable<EmissionMatrix> blocks,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (block.VocabularySize != _vocabulary.Count)
                throw new CtcAlignException(
                    $"the emissions have {block.VocabularySize} columns but the vocabulary has {_vocabulary.Count} tokens (model and vocabulary do not match)");
            yield return block;
        }
    }
}
