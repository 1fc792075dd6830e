namespace CtcAlign.LongForm;

/// <summary>
/// Parameters of iterative pseudo-forced alignment (ALGORITHMS.md section 3). Defaults are the reference values of
/// the IPFA paper; the last group (pauses, character rate, not-aligned cut, hint use) is CtcAlign's own.
/// </summary>
public sealed record IpfaOptions
{
    /// <summary>An utterance whose decision score is at or above this can be an anchor (accept).</summary>
    public double AnchorThreshold { get; init; } = -2.0;

    /// <summary>Above this the text is not reduced further (the alignment is very good).</summary>
    public double VeryGoodThreshold { get; init; } = -1.0;

    /// <summary>Utterances with fewer characters than this are penalised while deciding, so they never anchor.</summary>
    public int ShortSegmentCharacters { get; init; } = 30;

    /// <summary>Added to a short utterance's rho while deciding; removed in the output.</summary>
    public double ShortSegmentPenalty { get; init; } = -4.0;

    /// <summary>Caption lines with more words than this are split into chunks of at most this many words.</summary>
    public int ChunkWords { get; init; } = 24;

    /// <summary>Expected speech per character, in seconds.</summary>
    public double SecondsPerCharacter { get; init; } = 0.08;

    /// <summary>Margin factor on the expected speech length: r = characters * SecondsPerCharacter * MarginFactor / window.</summary>
    public double MarginFactor { get; init; } = 3.0;

    /// <summary>r below this: too little text for the window, carry the text into the next window.</summary>
    public double MinTextToAudio { get; init; } = 0.8;

    /// <summary>r above this: too much text, drop tail chunks until the text fits the window's frames.</summary>
    public double MaxTextToAudio { get; init; } = 10.0;

    /// <summary>
    /// Windows of lines without caption times this long or longer re-spread the remaining text over the remaining audio,
    /// from the anchor, until the next accepted anchor. A line with a caption time keeps its hint up to
    /// <see cref="GiveUpWindowSeconds"/>.
    /// </summary>
    public double MaxWindowSeconds { get; init; } = 70.0;

    /// <summary>Give up on the file when a window reaches this length.</summary>
    public double GiveUpWindowSeconds { get; init; } = 500.0;

    /// <summary>Give up on the file after this many consecutive windows whose text could not be placed at all.</summary>
    public int MaxConsecutiveFailures { get; init; } = 10;

    /// <summary>A line placed with rho below this is reported not aligned (its text was most likely never spoken).</summary>
    public double NotAlignedBelowRho { get; init; } = -5.0;

    /// <summary>A pause between two words of one line longer than this marks the line low confidence and trims it to its largest word cluster.</summary>
    public double MaxPauseInLineSeconds { get; init; } = 2.0;

    /// <summary>A line (of at least <see cref="MinCharactersForRateCheck"/> characters) spoken slower than this is low confidence.</summary>
    public double MinCharactersPerSecond { get; init; } = 6.0;

    public int MinCharactersForRateCheck { get; init; } = 15;

    /// <summary>
    /// A line whose words' mean log-probability (mean over words of ln <see cref="Alignment.AlignedWord.Confidence"/>,
    /// the rho scale) is below this was not heard: low confidence, never an anchor.
    /// </summary>
    public double MinWordScore { get; init; } = -1.0;

    /// <summary>
    /// When the last utterance of a window ends this close to the window's end, the window was too short (the text may
    /// be cut): it is extended by <see cref="WindowExtensionSeconds"/> and segmented again, at most 3 times.
    /// </summary>
    public double WindowEndGuardSeconds { get; init; } = 0.5;

    public double WindowExtensionSeconds { get; init; } = 3.0;

    /// <summary>Added to the last utterance's decision score when its word timing fails the checks above, so it never anchors.</summary>
    public double TimingPenalty { get; init; } = -4.0;

    /// <summary>Audio kept before the first speech frame (the first anchor), in seconds.</summary>
    public double SpeechStartPaddingSeconds { get; init; } = 0.3;

    /// <summary>Audio on each side of a placed utterance given to the word aligner, in seconds (never before the anchor).</summary>
    public double WordAlignmentPaddingSeconds { get; init; } = 0.5;

    /// <summary>
    /// A chunk's first or last word longer than <c>MaxWordBaseSeconds + MaxWordSecondsPerCharacter * letters</c> may
    /// have reached for a matching letter in neighbouring audio: it is realigned in a segment cut to that length, and
    /// the new placement is kept when that word scores at least as well.
    /// </summary>
    public double MaxWordBaseSeconds { get; init; } = 0.1;

    public double MaxWordSecondsPerCharacter { get; init; } = 0.07;

    /// <summary>
    /// After realignment, a first or last word still longer than this many times its plausible length
    /// (<see cref="MaxWordBaseSeconds"/> + <see cref="MaxWordSecondsPerCharacter"/> x letters) is cut to that length on
    /// its far side (it kept a letter reached in neighbouring audio). Null: never cut.
    /// </summary>
    public double? EdgeWordClampFactor { get; init; } = 1.5;

    /// <summary>A chunk's first or last word further than this from its neighbour word is realigned the same way.</summary>
    public double EdgeWordGapSeconds { get; init; } = 0.5;

    /// <summary>
    /// A placed line with rho below this is reported <c>low_confidence</c> (the user's threshold, e.g. <c>--threshold</c>);
    /// null: <see cref="AnchorThreshold"/>. It changes the reported status only, never where lines are placed.
    /// </summary>
    public double? AlignedThreshold { get; init; }

    /// <summary>
    /// A line's first or last word (of three or more) further than this (s) from the rest is left out of the line's
    /// start/end and of the anchor: the captioner added it, and it was put on a matching letter in the audio around the
    /// line. Null: never. (Pauses longer than <see cref="MaxPauseInLineSeconds"/> are handled by that check.)
    /// </summary>
    public double? StrayEdgeWordGapSeconds { get; init; } = 1.0;

    /// <summary>
    /// A line's first or last word with a confidence below this was not heard: the audio there most likely has other
    /// words (changed by the captioner), so the line's edge is moved over the adjacent speech (see
    /// <see cref="UnheardEdgeExtension"/>).
    /// </summary>
    public double UnheardEdgeWordConfidence { get; init; } = 0.1;

    /// <summary>
    /// An <c>aligned</c> line (of two words or more) whose <see cref="CaptionDifferenceScore"/> (the probability that its
    /// caption differs from its audio) is at least this differs from the audio: it keeps its times, becomes
    /// low_confidence, "caption differs from the audio" (<see cref="CaptionDifferenceCheck"/>). 0: this test is off for
    /// aligned lines. Chosen with <see cref="DiffersScoreLowConfidence"/> on the tuning programmes of
    /// tools/eval/caption-errors.sh (TUNE=1; each programme scored by a model fitted on the others): the most changed
    /// captions told with at most 1% of the right captions demoted from aligned and no more false alarms than the
    /// letter tests it replaced. Stricter than for a line already low_confidence, since demoting a right line costs
    /// the recall of aligned, telling a doubted line why only its reason.
    /// </summary>
    public double DiffersScore { get; init; } = 0.74;

    /// <summary>
    /// The same for a line that is already low_confidence (p_correct or the rules doubt it): at this score or more its
    /// reason says that the caption differs from the audio. 0: off for such lines. Chosen with <see cref="DiffersScore"/>.
    /// </summary>
    public double DiffersScoreLowConfidence { get; init; } = 0.22;

    /// <summary>
    /// A placed line (of two words or more) with a word whose letters fit what the model hears worse than the line's
    /// median word by at least this many nats a letter (<see cref="AlignedWord.MisfitPerLetter"/>: a word replaced, or
    /// added and squeezed onto other speech) differs from the audio, whatever its <see cref="DiffersScore"/>. 0: this
    /// test is off (the default since the score, which weighs the same evidence with the rest; it was 4 before).
    /// </summary>
    public double DiffersMisfitContrast { get; init; }

    /// <summary>
    /// A placed line with at least this many nats of letters heard between two of its words that no caption token takes
    /// (<see cref="AlignedWord.UnexplainedBefore"/>: a word left out of the caption) differs from the audio, whatever its
    /// <see cref="DiffersScore"/>. 0: this test is off (the default since the score; it was 5.5 before).
    /// </summary>
    public double DiffersUnexplainedNats { get; init; }

    /// <summary>
    /// A placed line whose weakest word has a lower confidence differs from the audio. 0: this test is off (the default:
    /// the misfit test catches those lines and more, measured with tools/eval/caption-errors.sh).
    /// </summary>
    public double DiffersWordConfidence { get; init; }

    /// <summary>
    /// The median word confidence a line needs for any of the tests to apply (below it, nothing of the line was heard:
    /// not a changed caption, most likely one never spoken, left to the other checks).
    /// </summary>
    public double DiffersMedianConfidence { get; init; } = 0.1;

    /// <summary>Whether <see cref="CaptionDifferenceCheck"/> runs at all: off when all of its tests are 0.</summary>
    public bool DiffersCheck => DiffersScore > 0 || DiffersScoreLowConfidence > 0 || DiffersMisfitContrast > 0 || DiffersUnexplainedNats > 0 || DiffersWordConfidence > 0;

    /// <summary>Emissions at most this far apart (s) belong to the same stretch of speech when an unheard edge is moved.</summary>
    public double SpeechGapSeconds { get; init; } = 0.16;

    /// <summary>The furthest (s) an unheard edge word's far side is moved over adjacent speech; 0 turns the move off.</summary>
    public double MaxEdgeExtensionSeconds { get; init; } = 1.0;

    /// <summary>
    /// How far (s) outside a line's first and last word <see cref="EdgeSpeech"/> follows speech no word accounts for (the
    /// speech_before and speech_after features of p_correct); a stretch that goes on further is speech of its own.
    /// </summary>
    public double EdgeSpeechSeconds { get; init; } = 1.2;

    /// <summary>The longest silence (s) inside a stretch of unexplained speech at a line's edge (<see cref="EdgeSpeech"/>).</summary>
    public double EdgeSpeechGapSeconds { get; init; } = 0.3;

    /// <summary>
    /// A chunk that is not heard where ctc-segmentation put it may be placed again nearby: back over the audio of the
    /// untrusted chunk just before it (text that was never spoken takes the audio of the line after it when nothing
    /// separates them), or forward up to the next chunk placed with a good rho (uncaptioned speech after the anchor drew
    /// it early). The new position is kept when its words score clearly better and do not land on an earlier chunk's
    /// words; the line stays low confidence.
    /// </summary>
    public bool RelocateUnheardChunks { get; init; } = true;

    /// <summary>Correct caption time hints by the median offset (actual end - hinted end) of the last anchors.</summary>
    public bool LearnHintOffset { get; init; } = true;

    /// <summary>
    /// While the last <see cref="HintBandMinAnchors"/> anchors agree on the offset, a line with caption times may be placed only
    /// within this many seconds of them (start no earlier than its caption start, end no later than its caption end,
    /// both corrected by the offset), unless the audio clearly says otherwise (<see cref="HintBandMaxCost"/>); null or 0:
    /// caption times never bound where a line is placed. With a weak model, text that was never said can take the
    /// next line's speech, and the lines after it follow it seconds away from their captions. Off by default: with the
    /// default model it places more lines right but tells fewer changed captions (README, `tools/eval/hint-band.sh`); a
    /// window whose best path breaks a band is segmented a second time. 4 s is the width measured.
    /// </summary>
    public double? HintBandSeconds { get; init; }

    /// <summary>How much less likely (nats, summed over the window's frames) the path inside the bands may be and still be taken.</summary>
    public double HintBandMaxCost { get; init; } = DefaultHintBandMaxCost;

    /// <summary>The default of <see cref="HintBandMaxCost"/>.</summary>
    public const double DefaultHintBandMaxCost = 1000.0;

    /// <summary>
    /// The last anchors whose caption offsets must agree within <see cref="HintBandSeconds"/> for the band to apply; their
    /// median centres it.
    /// </summary>
    public int HintBandMinAnchors { get; init; } = 3;

    /// <summary>
    /// Answer a segmentation or word alignment of the same audio and text from the one already computed (a chunk is
    /// word-aligned again in every attempt of a window and when its text is carried). The results are the same either
    /// way; off only to measure the work saved.
    /// </summary>
    public bool ReuseAlignmentWork { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (VeryGoodThreshold < AnchorThreshold)
            throw new ArgumentOutOfRangeException(nameof(VeryGoodThreshold),
                $"Very-good threshold {VeryGoodThreshold} is below the anchor threshold {AnchorThreshold}.");
        Positive(ShortSegmentCharacters >= 0, nameof(ShortSegmentCharacters), ShortSegmentCharacters);
        Positive(ChunkWords > 0, nameof(ChunkWords), ChunkWords);
        Positive(SecondsPerCharacter > 0, nameof(SecondsPerCharacter), SecondsPerCharacter);
        Positive(MarginFactor > 0, nameof(MarginFactor), MarginFactor);
        Positive(MinTextToAudio >= 0, nameof(MinTextToAudio), MinTextToAudio);
        if (MaxTextToAudio <= MinTextToAudio)
            throw new ArgumentOutOfRangeException(nameof(MaxTextToAudio),
                $"Maximum text-to-audio proportion {MaxTextToAudio} must be above the minimum {MinTextToAudio}.");
        Positive(MaxWindowSeconds > 0, nameof(MaxWindowSeconds), MaxWindowSeconds);
        if (GiveUpWindowSeconds <= MaxWindowSeconds)
            throw new ArgumentOutOfRangeException(nameof(GiveUpWindowSeconds),
                $"Give-up window {GiveUpWindowSeconds} s must be longer than the maximum window {MaxWindowSeconds} s.");
        Positive(MaxConsecutiveFailures > 0, nameof(MaxConsecutiveFailures), MaxConsecutiveFailures);
        Positive(MaxPauseInLineSeconds > 0, nameof(MaxPauseInLineSeconds), MaxPauseInLineSeconds);
        Positive(MinCharactersPerSecond >= 0, nameof(MinCharactersPerSecond), MinCharactersPerSecond);
        Positive(WindowEndGuardSeconds >= 0, nameof(WindowEndGuardSeconds), WindowEndGuardSeconds);
        Positive(WindowExtensionSeconds > 0, nameof(WindowExtensionSeconds), WindowExtensionSeconds);
        Positive(EdgeWordGapSeconds > 0, nameof(EdgeWordGapSeconds), EdgeWordGapSeconds);
        Positive(EdgeWordClampFactor is null or >= 1, nameof(EdgeWordClampFactor), EdgeWordClampFactor ?? 0);
        Positive(MaxWordBaseSeconds > 0, nameof(MaxWordBaseSeconds), MaxWordBaseSeconds);
        Positive(MaxWordSecondsPerCharacter > 0, nameof(MaxWordSecondsPerCharacter), MaxWordSecondsPerCharacter);
        Positive(StrayEdgeWordGapSeconds is null or > 0, nameof(StrayEdgeWordGapSeconds), StrayEdgeWordGapSeconds ?? 0);
        Positive(UnheardEdgeWordConfidence is >= 0 and <= 1, nameof(UnheardEdgeWordConfidence), UnheardEdgeWordConfidence);
        Positive(DiffersWordConfidence is >= 0 and <= 1, nameof(DiffersWordConfidence), DiffersWordConfidence);
        Positive(DiffersScore is >= 0 and <= 1, nameof(DiffersScore), DiffersScore);
        Positive(DiffersScoreLowConfidence is >= 0 and <= 1, nameof(DiffersScoreLowConfidence), DiffersScoreLowConfidence);
        Positive(HintBandSeconds is null or >= 0, nameof(HintBandSeconds), HintBandSeconds ?? 0);
        Positive(HintBandMaxCost >= 0, nameof(HintBandMaxCost), HintBandMaxCost);
        Positive(HintBandMinAnchors >= 1, nameof(HintBandMinAnchors), HintBandMinAnchors);
        Positive(DiffersMisfitContrast >= 0 && double.IsFinite(DiffersMisfitContrast), nameof(DiffersMisfitContrast), DiffersMisfitContrast);
        Positive(DiffersUnexplainedNats >= 0 && double.IsFinite(DiffersUnexplainedNats), nameof(DiffersUnexplainedNats), DiffersUnexplainedNats);
        Positive(DiffersMedianConfidence is >= 0 and <= 1, nameof(DiffersMedianConfidence), DiffersMedianConfidence);
        Positive(SpeechGapSeconds > 0, nameof(SpeechGapSeconds), SpeechGapSeconds);
        Positive(MaxEdgeExtensionSeconds >= 0, nameof(MaxEdgeExtensionSeconds), MaxEdgeExtensionSeconds);
        Positive(EdgeSpeechSeconds >= 0, nameof(EdgeSpeechSeconds), EdgeSpeechSeconds);
        Positive(EdgeSpeechGapSeconds > 0, nameof(EdgeSpeechGapSeconds), EdgeSpeechGapSeconds);
        Positive(SpeechStartPaddingSeconds >= 0, nameof(SpeechStartPaddingSeconds), SpeechStartPaddingSeconds);
        Positive(WordAlignmentPaddingSeconds >= 0, nameof(WordAlignmentPaddingSeconds), WordAlignmentPaddingSeconds);
    }

    private static void Positive(bool ok, string name, double value)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, $"{name} = {value} is out of range.");
    }
}
