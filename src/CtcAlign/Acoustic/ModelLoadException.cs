namespace CtcAlign.Acoustic;

public sealed class ModelLoadException : CtcAlignException
{
    public ModelLoadException(string message) : base(message) { }

    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}
