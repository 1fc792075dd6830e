namespace CtcAlign.Formats;

/// <summary>Why a cue is in a re-timed caption file.</summary>
public enum TimedCueKind
{
    /// <summary>Its line is <c>aligned</c>: its times are the aligned ones.</summary>
    Aligned,

    /// <summary>Its line is not <c>aligned</c> but kept (--keep-unaligned): placed between its re-timed neighbours.</summary>
    KeptUnaligned,

    /// <summary>Sound only (music, [APPLAUSE]): not aligned as speech, placed between its re-timed neighbours.</summary>
    SoundOnly,
}
