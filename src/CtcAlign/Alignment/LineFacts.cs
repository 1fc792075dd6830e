namespace CtcAlign.Alignment;

/// <summary>Which of the rule checks fired on a placed line (several may).</summary>
[Flags]
public enum LineChecks
{
    None = 0,

    /// <summary>rho below the aligned threshold.</summary>
    LowRho = 1,

    /// <summary>A long pause between two words inside the line.</summary>
    Pause = 2,

    /// <summary>The words were not heard (low mean word log-probability).</summary>
    NotHeard = 4,

    /// <summary>Slow speech: too few characters per second inside the line.</summary>
    SlowSpeech = 8,

    /// <summary>The word aligner failed on a chunk of the line (span times only).</summary>
    WordProblem = 16,

    /// <summary>A chunk was relocated (moved back over unconfirmed text) or carries another caveat.</summary>
    Caveat = 32,

    /// <summary>Its caption times chose where a chunk went (the hint band): the audio alone put it elsewhere.</summary>
    PlacedByHint = 64,
}

/// <summary>
/// What the aligner saw while placing one line, besides its times, rho and words: the rule checks that fired, how far
/// unheard edge words were moved outwards (seconds, over the line's chunks), and where the line's last chunk sat in
/// the window it was accepted in (0 first, 1 last) and how many chunks that window held; and how far speech that no
/// placed word accounts for reaches before its first word and after its last.
/// </summary>
public sealed record LineFacts(LineChecks Checks, double EdgeExtensionSeconds, double WindowPosition, int WindowChunks)
{
    /// <summary>
    /// Seconds of unexplained speech just before the line's first word, a stretch that ends within the limit (see
    /// <c>LongForm.EdgeSpeech</c>); 0 when none or when it goes on past the limit (<see cref="SpeechBeforeLong"/>).
    /// </summary>
    public double SpeechBeforeSeconds { get; init; }

    /// <summary>Unexplained speech before the first word goes on past the limit (speech of its own: an uncaptioned line, most often).</summary>
    public bool SpeechBeforeLong { get; init; }

    /// <summary>The same as <see cref="SpeechBeforeSeconds"/> after the line's last word.</summary>
    public double SpeechAfterSeconds { get; init; }

    /// <summary>The same as <see cref="SpeechBeforeLong"/> after the line's last word.</summary>
    public bool SpeechAfterLong { get; init; }

    /// <summary>
    /// Seconds of the longest stretch inside the line's times where the model hears no letter (no frame whose best token
    /// is a letter; <c>LongForm.LetterFrames</c>); 0 when not measured.
    /// </summary>
    public double SilenceLongestSeconds { get; init; }

    /// <summary>The longer of the letterless stretches at the line's start and at its end (seconds); 0 when not measured.</summary>
    public double SilenceEdgeSeconds { get; init; }
}
