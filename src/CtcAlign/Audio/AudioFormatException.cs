namespace CtcAlign.Audio;

public sealed class AudioFormatException : CtcAlignException
{
    public AudioFormatException(string message) : base(message) { }

    public AudioFormatException(string message, Exception inner) : base(message, inner) { }
}
