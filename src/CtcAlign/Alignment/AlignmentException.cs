namespace CtcAlign.Alignment;

public sealed class AlignmentException : CtcAlignException
{
    public AlignmentException(string message) : base(message) { }

    public AlignmentException(string message, Exception inner) : base(message, inner) { }
}
