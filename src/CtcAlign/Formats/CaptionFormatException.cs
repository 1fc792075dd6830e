namespace CtcAlign.Formats;

public sealed class CaptionFormatException : CtcAlignException
{
    public CaptionFormatException(string message) : base(message) { }

    public CaptionFormatException(string message, Exception inner) : base(message, inner) { }
}
