namespace CtcAlign;

/// <summary>
/// A failure caused by the user's input or environment (a bad file, a missing tool, text that cannot fit the
/// audio). The CLI prints its message as one line and exits non-zero; anything else is a bug.
/// </summary>
public class CtcAlignException : Exception
{
    public CtcAlignException(string message) : base(message) { }

    public CtcAlignException(string message, Exception inner) : base(message, inner) { }
}
