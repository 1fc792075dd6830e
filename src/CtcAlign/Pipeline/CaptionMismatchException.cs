namespace CtcAlign.Pipeline;

/// <summary>The captions of a file do not match its audio (<see cref="CaptionMatchCheck"/>); the file is not aligned.</summary>
public sealed class CaptionMismatchException(CaptionMatchVerdict verdict)
    : CtcAlignException($"these captions do not match this media ({verdict.Describe()}); nothing was aligned (--force aligns them anyway)")
{
    public CaptionMatchVerdict Verdict { get; } = verdict;
}
