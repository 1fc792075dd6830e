using CtcAlign.Acoustic;
using CommandLine;
using CommandLine.Text;
using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("align", HelpText = "Align captions or a transcript to media audio; results go to the database (--db) and optionally to a file (--out).")]
public class AlignOptions : SubtitleCleanupOptions, IServicedVerbOptions
{
    [Value(0, MetaName = "MEDIA", HelpText = "Media file to align (omit with --manifest).")]
    public string? Media { get; set; }

    [Option("captions", HelpText = "Caption file for MEDIA: .srt, .vtt, or plain text with one caption a line.")]
    public string? Captions { get; set; }

    [Option("text", HelpText = "The transcript itself for MEDIA, one caption a line.")]
    public string? Text { get; set; }

    [Option("id", HelpText = "Media id for MEDIA (default: its file name without extension).")]
    public string? Id { get; set; }

    [Option("manifest", HelpText = "JSON Lines batch: {\"id\", \"audio\", and \"captions\" or \"text\"} a line; relative paths from the manifest's folder.")]
    public string? Manifest { get; set; }

    [Option("db", Default = "ctcalign.db", HelpText = "Database the results are stored in: a SQLite file, or PostgreSQL (postgres://user@host/db or Host=...;Database=...).")]
    public string Database { get; set; } = "ctcalign.db";

    [Option("out", HelpText = "Also write this run's alignments here (a folder for srt/vtt/textgrid with several media).")]
    public string? Out { get; set; }

    [Option("format", HelpText = "Format of --out: srt, vtt, sbv, ass, scc, stl, ttml (IMSC1), dfxp, ebu-tt-d, json, ctm, textgrid (default: from the --out extension; .xml is ttml, .ebuttd.xml ebu-tt-d).")]
    public string? Format { get; set; }

    [Option("force", HelpText = "Realign media already stored with the same model and parameters (replaces them); also align captions the match check finds do not belong to the media (their lines are low_confidence at best).")]
    public bool Force { get; set; }

    [Option("no-match-check", HelpText = "Do not check, before aligning, that the captions belong to the media (by default captions that do not match stop the file).")]
    public bool NoMatchCheck { get; set; }

    [Option("model", HelpText = "Model folder (ctcalign-model.json + model.onnx, or a Hugging Face wav2vec2 export), or its model.onnx (default: $CTCALIGN_MODEL, else models/default).")]
    public string? Model { get; set; }

    [Option("device", Default = "auto", HelpText = "auto, cpu or cuda[:N].")]
    public string Device { get; set; } = "auto";

    [Option("jobs", Default = 1, HelpText = "Media files aligned at once.")]
    public int Jobs { get; set; } = 1;

    [Option("threshold", Default = -2.0, HelpText = "rho at or above which a placed line counts as aligned (below: low_confidence).")]
    public double Threshold { get; set; } = -2.0;

    [Option("min-p", HelpText = "p_correct at or above which a line is aligned (default: the model's calibration min_p, chosen so that at least 99% of aligned lines are within 0.5 s). Needs a model with a calibration.")]
    public double? MinP { get; set; }

    [Option("no-calibration", HelpText = "Ignore the model's p_correct calibration: no p_correct, the rule statuses (--threshold and the timing checks).")]
    public bool NoCalibration { get; set; }

    [Option("evidence", HelpText = "Write each placed line's feature vector (\"evidence\") into JSON output (what tools/calibrate/fit.sh fits p_correct on).")]
    public bool Evidence { get; set; }

    [Option("threads", Default = 0, HelpText = "ONNX Runtime threads (0: one per core).")]
    public int Threads { get; set; }

    [Option("precision", Default = "auto", HelpText = "auto (the model's int8 graph on CPU where it ships one, else float32), float32 or int8.")]
    public string Precision { get; set; } = "auto";

    [Option("aligner", Default = "ipfa", HelpText = "ipfa (iterative pseudo-forced alignment in confidence-anchored windows, streaming) or global (one ctc-segmentation of the whole text: the baseline, holds the whole file).")]
    public string Aligner { get; set; } = "ipfa";

    [Option("awp", Default = "none", HelpText = "Align-With-Purpose re-ranking of word alignments: none, or latency (earliest word onsets within --awp-lambda nats of the Viterbi path).")]
    public string Awp { get; set; } = "none";

    [Option("awp-lambda", Default = 1.0, HelpText = "AWP guard: candidates at most this many nats below the Viterbi path.")]
    public double AwpLambda { get; set; } = 1.0;

    [Option("awp-samples", Default = 16, HelpText = "AWP: posterior samples (each redraws a 20-frame window of the Viterbi path) added to the candidates.")]
    public int AwpSamples { get; set; } = 16;

    [Option("awp-shift", Default = 3, HelpText = "AWP: largest onset move of the latency variants, in frames (K).")]
    public int AwpShift { get; set; } = 3;

    [Option("caption-wer", HelpText = "Measure each line's caption-vs-audio WER (the default).")]
    public bool CaptionWer { get; set; }

    [Option("no-caption-wer", HelpText = "Do not measure caption WER (saves a beam search per line).")]
    public bool NoCaptionWer { get; set; }

    // IPFA parameters (ALGORITHMS.md section 3): the IPFA reference values, then CtcAlign's own checks.
    [Option("anchor-threshold", Default = -2.0, HelpText = "IPFA: the last chunk of a window anchors when its rho is at or above this.")]
    public double AnchorThreshold { get; set; } = -2.0;

    [Option("very-good-threshold", Default = -1.0, HelpText = "IPFA: above this rho, stop reducing the text and accept.")]
    public double VeryGoodThreshold { get; set; } = -1.0;

    [Option("short-segment-chars", Default = 30, HelpText = "IPFA: chunks with fewer characters get --short-segment-penalty while deciding (never anchor).")]
    public int ShortSegmentCharacters { get; set; } = 30;

    [Option("short-segment-penalty", Default = -4.0, HelpText = "IPFA: added to a short chunk's rho while deciding (not in the output).")]
    public double ShortSegmentPenalty { get; set; } = -4.0;

    [Option("chunk-words", Default = 24, HelpText = "IPFA: caption lines with more words are split into chunks of at most this many.")]
    public int ChunkWords { get; set; } = 24;

    [Option("seconds-per-char", Default = 0.08, HelpText = "IPFA: expected speech per character, in seconds.")]
    public double SecondsPerCharacter { get; set; } = 0.08;

    [Option("margin-factor", Default = 3.0, HelpText = "IPFA: margin on the expected speech (r = characters x seconds-per-char x margin / window).")]
    public double MarginFactor { get; set; } = 3.0;

    [Option("min-text-to-audio", Default = 0.8, HelpText = "IPFA: r below this carries the text into the next window.")]
    public double MinTextToAudio { get; set; } = 0.8;

    [Option("max-text-to-audio", Default = 10.0, HelpText = "IPFA: r above this drops tail chunks until they fit.")]
    public double MaxTextToAudio { get; set; } = 10.0;

    [Option("max-window", Default = 70.0, HelpText = "IPFA: windows this long (s) re-spread the remaining text over the remaining audio.")]
    public double MaxWindowSeconds { get; set; } = 70.0;

    [Option("give-up-window", Default = 500.0, HelpText = "IPFA: give up on the file when a window reaches this many seconds.")]
    public double GiveUpWindowSeconds { get; set; } = 500.0;

    [Option("max-failures", Default = 10, HelpText = "IPFA: give up after this many windows in a row that could not take any text.")]
    public int MaxConsecutiveFailures { get; set; } = 10;

    [Option("not-aligned-below", Default = -5.0, HelpText = "Lines placed with rho below this are not_aligned (most likely never spoken).")]
    public double NotAlignedBelowRho { get; set; } = -5.0;

    [Option("max-pause", Default = 2.0, HelpText = "A longer pause (s) between two words of a line makes it low_confidence (trimmed to its largest word cluster).")]
    public double MaxPauseInLineSeconds { get; set; } = 2.0;

    [Option("min-chars-per-second", Default = 6.0, HelpText = "A slower line (of at least --min-chars-for-rate-check characters) is low_confidence.")]
    public double MinCharactersPerSecond { get; set; } = 6.0;

    [Option("min-chars-for-rate-check", Default = 15, HelpText = "Shortest line the character-rate check applies to.")]
    public int MinCharactersForRateCheck { get; set; } = 15;

    [Option("min-word-score", Default = -1.0, HelpText = "A line whose mean word log-probability is lower was not heard: low_confidence.")]
    public double MinWordScore { get; set; } = -1.0;

    [Option("timing-penalty", Default = -4.0, HelpText = "IPFA: added to the deciding score of a chunk that fails the timing checks.")]
    public double TimingPenalty { get; set; } = -4.0;

    [Option("max-word-base", Default = 0.1, HelpText = "An edge word longer than base + per-letter x letters (s) is realigned in a cut segment.")]
    public double MaxWordBaseSeconds { get; set; } = 0.1;

    [Option("max-word-per-char", Default = 0.07, HelpText = "Per-letter part of the edge-word length limit (s).")]
    public double MaxWordSecondsPerCharacter { get; set; } = 0.07;

    [Option("edge-word-gap", Default = 0.5, HelpText = "An edge word further than this (s) from its neighbour is realigned in a cut segment.")]
    public double EdgeWordGapSeconds { get; set; } = 0.5;

    [Option("edge-word-clamp", Default = "1.5", HelpText = "An edge word still longer than this many times its plausible length after realignment is cut to it on its far side (off: never).")]
    public string EdgeWordClamp { get; set; } = "1.5";

    [Option("window-end-guard", Default = 0.5, HelpText = "IPFA: text ending this close (s) to the window's end extends the window.")]
    public double WindowEndGuardSeconds { get; set; } = 0.5;

    [Option("window-extension", Default = 3.0, HelpText = "IPFA: seconds added per extension (at most 3).")]
    public double WindowExtensionSeconds { get; set; } = 3.0;

    [Option("speech-start-padding", Default = 0.3, HelpText = "IPFA: audio (s) kept before the first speech frame (the first anchor).")]
    public double SpeechStartPaddingSeconds { get; set; } = 0.3;

    [Option("word-padding", Default = 0.5, HelpText = "Audio (s) on each side of a placed chunk given to the word aligner.")]
    public double WordAlignmentPaddingSeconds { get; set; } = 0.5;

    [Option("word-start-early", HelpText = "Word boundaries: frames a word starts before its first emission. Default: the model package's measured boundary_rules (start_shift_s), else 1.")]
    public int? WordStartEarly { get; set; }

    [Option("word-end-late", HelpText = "Word boundaries: frames a word ends after its last emission (after a long gap, or at a line's end). Default: the package's boundary_rules (end_pad_s), else 2.")]
    public int? WordEndLate { get; set; }

    [Option("word-gap-midpoint", HelpText = "Word boundaries: gaps between words up to this many seconds are split at their midpoint. Default: the package's boundary_rules (gap_limit_s), else 0.2.")]
    public double? WordGapMidpoint { get; set; }

    [Option("word-star", Default = "0", HelpText = "Star token log-probability for the word aligner at a chunk's edges, or off: untranscribed audio next to a line is absorbed instead of pulling its edge words toward a matching letter.")]
    public string WordStar { get; set; } = "0";

    [Option("segment-star", Default = "-1", HelpText = "IPFA: star token log-probability between utterances in ctc-segmentation, or off (the reference; --aligner global always runs the reference).")]
    public string SegmentStar { get; set; } = "-1";

    [Option("free-preamble", HelpText = "IPFA: ctc-segmentation skips the audio before a window's first line for free (the reference) instead of charging it like audio between lines (the segment star).")]
    public bool FreePreamble { get; set; }

    [Option("no-hint-offset", HelpText = "IPFA: do not correct caption end times by the median offset of the last anchors.")]
    public bool NoHintOffset { get; set; }

    [Option("hint-band", Default = 0.0, HelpText = "IPFA, opt-in (4 is the measured width): while the last 3 anchors agree on the caption offset (within this width), a line with caption times is placed within this many seconds of them (corrected by that offset) unless the audio clearly says otherwise (--hint-band-cost); 0 (the default): caption times never bound where a line goes.")]
    public double HintBand { get; set; }

    [Option("hint-band-cost", Default = 1000.0, HelpText = "IPFA: how much less likely (nats) the placement inside the caption times' bands may be and still be taken over the best one outside them.")]
    public double HintBandCost { get; set; } = 1000.0;

    [Option("stray-edge-word-gap", Default = "1", HelpText = "A line's first or last word (of three or more) further than this (s) from the rest is left out of the line's start/end (the captioner added it; off: never).")]
    public string StrayEdgeWordGap { get; set; } = "1";

    [Option("unheard-edge-word", Default = 0.1, HelpText = "A line's first or last word with a lower confidence was not heard (the captioner changed it): that edge of the line is moved over the adjacent speech.")]
    public double UnheardEdgeWordConfidence { get; set; } = 0.1;

    [Option("differs-score", Default = 0.74, HelpText = "An aligned line whose caption differs from its audio with at least this probability (words added, left out or replaced; from the letters heard in, between and around its words, its word confidences and durations and its caption WER) becomes low_confidence, \"caption differs from the audio\"; 0: off.")]
    public double DiffersScore { get; set; } = 0.74;

    [Option("differs-score-low", Default = 0.22, HelpText = "The same for a line already low_confidence: at this probability or more its reason says \"caption differs from the audio\"; 0: off.")]
    public double DiffersScoreLowConfidence { get; set; } = 0.22;

    [Option("differs-misfit", Default = 0.0, HelpText = "Also: a placed line with a word whose letters fit the audio worse than the line's median word by this many nats a letter (replaced or added) is low_confidence, \"caption differs from the audio\"; 0: off (the default; --differs-score weighs it).")]
    public double DiffersMisfitContrast { get; set; }

    [Option("differs-unexplained", Default = 0.0, HelpText = "Also: a placed line with this many nats of letters heard between two of its words that no caption word takes (a word left out) is low_confidence, \"caption differs from the audio\"; 0: off (the default; --differs-score weighs it).")]
    public double DiffersUnexplainedNats { get; set; }

    [Option("differs-word-confidence", Default = 0.0, HelpText = "A placed line whose weakest word has a lower confidence is low_confidence, \"caption differs from the audio\"; 0: off (the default: --differs-misfit catches those lines and more).")]
    public double DiffersWordConfidence { get; set; }

    [Option("differs-median-confidence", Default = 0.1, HelpText = "The median word confidence a line needs for the --differs-* tests to apply.")]
    public double DiffersMedianConfidence { get; set; } = 0.1;

    [Option("speech-gap", Default = 0.16, HelpText = "Emissions at most this far apart (s) are one stretch of speech when an unheard edge word is moved.")]
    public double SpeechGapSeconds { get; set; } = 0.16;

    [Option("max-edge-extension", Default = 1.0, HelpText = "The furthest (s) an unheard edge word is moved over adjacent speech (0: never).")]
    public double MaxEdgeExtensionSeconds { get; set; } = 1.0;

    [Option("no-relocate", HelpText = "IPFA: a line not heard where ctc-segmentation put it is not placed again nearby (by default it may look back over untrusted text just before it, or forward to the next well-placed line; such a line stays low_confidence).")]
    public bool NoRelocate { get; set; }

    [Option("zero", Default = "zero", HelpText = "Text: the digit 0 in numbers read digit by digit (phone numbers, codes like 0800) is said 'zero' or 'oh'.")]
    public string Zero { get; set; } = "zero";

    [Option("urls", Default = "spell", HelpText = "Text: web and e-mail addresses are spelled as read out ('fsf.org': f s f dot org) or dropped (shown on screen, not said).")]
    public string Urls { get; set; } = "spell";

    [Option("keep-unaligned", HelpText = "srt/vtt/sbv/ass: also write lines that are not aligned (low_confidence, not_aligned), placed between their re-timed neighbours without overlap (marked in a NOTE in vtt).")]
    public override bool KeepUnaligned { get; set; }

    [Option("time-base", Default = "media", HelpText = "Output times on the programme's timeline (media: the audio stream's start in its container, relative to its earliest stream, is added, as players show it), from the first audio sample (audio), or from the first video frame (video).")]
    public string TimeBase { get; set; } = "media";

    [Option("timecode-offset", Default = "auto", HelpText = "Timecode of the programme's start, added to every output time and taken off the caption times: HH:MM:SS[.fff|:FF] (frames with --fps) or seconds; auto: the captions' own base when they are timed far beyond the audio (10:00:00 stays 10:00:00); none: 0.")]
    public string TimecodeOffset { get; set; } = "auto";

    [Option("caption-spelling", HelpText = "ctm/textgrid: write words as the caption spells them (punctuation kept, compounds whole) instead of as scoring tools match them.")]
    public bool CaptionSpelling { get; set; }

    [Option("scc-channel", Default = "CC1", HelpText = "SCC captions: the caption channel to read, CC1 or CC2 (a file with both never mixes them).")]
    public string SccChannel { get; set; } = "CC1";


    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Option("stats", HelpText = "After the summary, print busy time per stage (decode, infer, align, store), CPU time and peak memory.")]
    public bool Stats { get; set; }

    [Option("no-progress", HelpText = "Plain log lines instead of the live progress display on a terminal.")]
    public bool NoProgress { get; set; }

    private static readonly UnParserSettings Unparse = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Re-time one episode's captions", Unparse, new AlignOptions { Media = "episode.mp4", Captions = "episode.srt", Out = "episode.aligned.srt" }),
        new("Align a transcript given inline", Unparse, new AlignOptions { Media = "clip.wav", Text = "Hello there." }),
        new("Compare with the global ctc-segmentation baseline, with latency re-ranking of word times", Unparse, new AlignOptions { Media = "news.ts", Captions = "news.vtt", Aligner = "global", Awp = "latency", Out = "news.json" }),
        new("Align a batch into a database, two files at a time", Unparse, new AlignOptions { Manifest = "batch.jsonl", Database = "archive.db", Jobs = 2 }),
    ];

    /// <summary>The aligner settings these options ask for; a wrong value is a one-line <see cref="CtcAlignException"/>.</summary>
    public AlignerSettings ToSettings()
    {
        if (CaptionWer && NoCaptionWer)
            throw new CtcAlignException("give --caption-wer or --no-caption-wer, not both");
        var aligner = Aligner.Trim().ToLowerInvariant() switch
        {
            "ipfa" => AlignerKind.Ipfa,
            "global" => AlignerKind.Global,
            _ => throw new CtcAlignException($"unknown --aligner '{Aligner}' (ipfa or global)"),
        };
        var awp = Awp.Trim().ToLowerInvariant() switch
        {
            "none" => AwpProperty.None,
            "latency" => AwpProperty.Latency,
            _ => throw new CtcAlignException($"unknown --awp '{Awp}' (none or latency)"),
        };
        if (WordStartEarly < 0 || WordEndLate < 0 || WordGapMidpoint is { } gap && !(gap >= 0))
            throw new CtcAlignException("--word-start-early, --word-end-late and --word-gap-midpoint must be 0 or more");
        if (Threads < 0)
            throw new CtcAlignException($"--threads must be 0 or more (got {Threads})");
        if (!(HintBand >= 0) || !(HintBandCost >= 0))
            throw new CtcAlignException(FormattableString.Invariant($"--hint-band and --hint-band-cost must be 0 or more (got {HintBand} and {HintBandCost})"));
        if (MinP is { } minP && !(minP >= 0 && minP <= 1))
            throw new CtcAlignException($"--min-p must be from 0 to 1 (got {minP})");
        if (MinP is not null && NoCalibration)
            throw new CtcAlignException("give --min-p or --no-calibration, not both");
        var text = TextNormalizerOptions.Default with
        {
            ZeroAsOh = Zero.Trim().ToLowerInvariant() switch
            {
                "zero" => false,
                "oh" => true,
                _ => throw new CtcAlignException($"unknown --zero '{Zero}' (zero or oh)"),
            },
            Urls = Urls.Trim().ToLowerInvariant() switch
            {
                "spell" => UrlPolicy.Spell,
                "drop" => UrlPolicy.Drop,
                _ => throw new CtcAlignException($"unknown --urls '{Urls}' (spell or drop)"),
            },
        };
        var ipfa = new IpfaOptions
        {
            AnchorThreshold = AnchorThreshold, VeryGoodThreshold = VeryGoodThreshold, ShortSegmentCharacters = ShortSegmentCharacters,
            ShortSegmentPenalty = ShortSegmentPenalty, ChunkWords = ChunkWords, SecondsPerCharacter = SecondsPerCharacter,
            MarginFactor = MarginFactor, MinTextToAudio = MinTextToAudio, MaxTextToAudio = MaxTextToAudio,
            MaxWindowSeconds = MaxWindowSeconds, GiveUpWindowSeconds = GiveUpWindowSeconds, MaxConsecutiveFailures = MaxConsecutiveFailures,
            NotAlignedBelowRho = NotAlignedBelowRho, MaxPauseInLineSeconds = MaxPauseInLineSeconds,
            MinCharactersPerSecond = MinCharactersPerSecond, MinCharactersForRateCheck = MinCharactersForRateCheck,
            MinWordScore = MinWordScore, TimingPenalty = TimingPenalty, MaxWordBaseSeconds = MaxWordBaseSeconds,
            MaxWordSecondsPerCharacter = MaxWordSecondsPerCharacter, EdgeWordGapSeconds = EdgeWordGapSeconds,
            WindowEndGuardSeconds = WindowEndGuardSeconds, WindowExtensionSeconds = WindowExtensionSeconds,
            SpeechStartPaddingSeconds = SpeechStartPaddingSeconds, WordAlignmentPaddingSeconds = WordAlignmentPaddingSeconds,
            LearnHintOffset = !NoHintOffset, RelocateUnheardChunks = !NoRelocate, HintBandSeconds = HintBand > 0 ? HintBand : null, HintBandMaxCost = HintBandCost,
            StrayEdgeWordGapSeconds = Seconds(StrayEdgeWordGap, "--stray-edge-word-gap"), UnheardEdgeWordConfidence = UnheardEdgeWordConfidence,
            DiffersScore = DiffersScore, DiffersScoreLowConfidence = DiffersScoreLowConfidence, DiffersMisfitContrast = DiffersMisfitContrast, DiffersUnexplainedNats = DiffersUnexplainedNats, DiffersWordConfidence = DiffersWordConfidence, DiffersMedianConfidence = DiffersMedianConfidence, SpeechGapSeconds = SpeechGapSeconds, MaxEdgeExtensionSeconds = MaxEdgeExtensionSeconds, EdgeWordClampFactor = Factor(EdgeWordClamp, "--edge-word-clamp"),
        };
        try
        {
            ipfa.Validate();
            var latency = new LatencyRerankOptions(AwpLambda, AwpSamples, AwpShift);
            latency.Validate();
            return new AlignerSettings(Model, Device, Jobs, Threshold)
            {
                Aligner = aligner, Awp = awp, Latency = latency, Ipfa = ipfa, CaptionWer = !NoCaptionWer, Threads = Threads,
                Precision = ModelPrecisionNames.Parse(Precision),
                WordStarLogProb = Star(WordStar, "--word-star"), SegmentStarLogProb = Star(SegmentStar, "--segment-star"),
                SegmentStarBeforeFirst = !FreePreamble, Text = text,
                MatchCheck = new CaptionMatchOptions { Enabled = !NoMatchCheck, AlignMismatched = Force },
                BoundariesFromModel = new WordBoundaryChoice(WordStartEarly, WordEndLate, WordGapMidpoint),
                CalibrationFromModel = !NoCalibration, MinP = MinP, KeepEvidence = Evidence,
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CtcAlignException("bad alignment option: " + Program.OneLine(ex.Message.Split(" (Parameter")[0]), ex);
        }
    }

    private static double? Factor(string value, string option)
    {
        if (string.Equals(value.Trim(), "off", StringComparison.OrdinalIgnoreCase))
            return null;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1 && double.IsFinite(v))
            return v;
        throw new CtcAlignException($"{option} must be a number >= 1 or off (got '{value}')");
    }

    private static double? Seconds(string value, string option)
    {
        if (string.Equals(value.Trim(), "off", StringComparison.OrdinalIgnoreCase))
            return null;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v))
            return v;
        throw new CtcAlignException($"{option} must be a number of seconds > 0 or off (got '{value}')");
    }

    private static float? Star(string value, string option)
    {
        if (string.Equals(value.Trim(), "off", StringComparison.OrdinalIgnoreCase))
            return null;
        if (float.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v <= 0 && float.IsFinite(v))
            return v;
        throw new CtcAlignException($"{option} must be a log-probability <= 0 or off (got '{value}')");
    }

    /// <summary>The settings that decide the result, as stored with each run (a rerun with other values realigns).</summary>
    public static string ParametersJson(AlignerSettings settings, int sccChannel = 1) => System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, object>
    {
        ["threshold"] = settings.Threshold,
        ["aligner"] = settings.Aligner.ToString().ToLowerInvariant(),
        ["awp"] = settings.Awp == AwpProperty.None ? "none" : $"latency(lambda={settings.Latency.Lambda},samples={settings.Latency.Samples},shift={settings.Latency.MaxShift})",
        ["caption_wer"] = settings.CaptionWer,
        ["word_boundaries"] = $"{settings.WordBoundaries.StartEarlyFrames},{settings.WordBoundaries.EndLateFrames},{settings.WordBoundaries.MidpointMaxGapSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        ["word_star"] = settings.WordStarLogProb?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off",
        ["segment_star"] = settings.SegmentStarLogProb?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off",
        ["segment_star_before_first"] = settings.SegmentStarBeforeFirst,
    }.Concat(ChangedIpfaOptions(settings.Ipfa)).Concat(ChangedTextOptions(settings.Text)).Concat(ChangedPrecision(settings)).Concat(CalibrationOptions(settings))
        // CC2 of an SCC file is another alignment than CC1 of the same file (left out for CC1, so older runs keep their record)
        .Concat(sccChannel == 1 ? [] : [new KeyValuePair<string, object>("scc_channel", $"CC{sccChannel}")]).ToDictionary());

    /// <summary>The precision when it is not auto (left out when auto, so older runs keep their record).</summary>
    private static IEnumerable<KeyValuePair<string, object>> ChangedPrecision(AlignerSettings settings)
    {
        if (settings.Precision != ModelPrecision.Auto)
            yield return new("precision", ModelPrecisionNames.Name(settings.Precision));
    }

    /// <summary>
    /// The p_correct options when not the defaults (left out when default, so older runs keep their record), and the
    /// fingerprint of the model's calibration when one is used.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, object>> CalibrationOptions(AlignerSettings settings)
    {
        if (!settings.CalibrationFromModel && settings.Calibration is null)
            yield return new("calibration", "off");
        else if (settings.Calibration is { } calibration)
            yield return new("calibration", calibration.Fingerprint()); // a refit realigns without --force
        if (settings.MinP is { } minP)
            yield return new("min_p", minP);
        if (settings.KeepEvidence)
            yield return new("evidence", true);
    }

    /// <summary>Text options that differ from the defaults (left out when default, so older runs keep their record).</summary>
    private static IEnumerable<KeyValuePair<string, object>> ChangedTextOptions(TextNormalizerOptions options)
    {
        if (options.ZeroAsOh)
            yield return new("text_zero", "oh");
        if (options.Urls != UrlPolicy.Spell)
            yield return new("text_urls", options.Urls.ToString().ToLowerInvariant());
    }

    /// <summary>IPFA parameters that differ from the defaults, by property name (the defaults are left out to keep the record short).</summary>
    private static IEnumerable<KeyValuePair<string, object>> ChangedIpfaOptions(IpfaOptions options)
    {
        var defaults = new IpfaOptions();
        foreach (var property in typeof(IpfaOptions).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0).OrderBy(p => p.Name))
        {
            var value = property.GetValue(options);
            if (!Equals(value, property.GetValue(defaults)) && property.Name != nameof(IpfaOptions.AlignedThreshold))
                yield return new(property.Name, value ?? "null");
        }
    }

    /// <summary>What output times count from: the earliest stream (media), the first audio sample, or the first video frame.</summary>
    public enum TimeBaseChoice { Media, Audio, Video }

    /// <summary>The --time-base; anything but media, audio or video is a usage error.</summary>
    public TimeBaseChoice ParseTimeBase() => TimeBase.Trim().ToLowerInvariant() switch
    {
        "media" => TimeBaseChoice.Media,
        "audio" => TimeBaseChoice.Audio,
        "video" => TimeBaseChoice.Video,
        _ => throw new CtcAlignException($"unknown --time-base '{TimeBase}' (media, audio or video)"),
    };

    /// <summary>The --timecode-offset in seconds, or null for auto (detect the captions' base); a bad value is a usage error.</summary>
    public double? TimecodeOffsetSeconds()
    {
        var value = TimecodeOffset.Trim().ToLowerInvariant();
        if (value == "auto")
            return null;
        if (value is "none" or "0")
            return 0;
        var seconds = Formats.ProgrammeTimeline.ParseTimecode(TimecodeOffset, Fps, out var problem);
        return seconds is { } s && s >= 0 ? s : throw new CtcAlignException("--timecode-offset: " + (problem ?? $"must not be negative (got {TimecodeOffset})"));
    }

    /// <summary>The --scc-channel as 1 or 2; anything else is a usage error.</summary>
    public int ParseSccChannel() => Formats.SccReader.ParseChannel(SccChannel)
        ?? throw new CtcAlignException($"unknown --scc-channel '{SccChannel}' (CC1 or CC2: SCC files carry field 1 only)");

    public IVerbCommand CreateCommand() => CreateCommand(CliServices.Default);

    public IVerbCommand CreateCommand(CliServices services) => new AlignCommand(this, services.AlignerFactory);
}
