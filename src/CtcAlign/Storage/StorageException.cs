namespace CtcAlign.Storage;

public sealed class StorageException : CtcAlignException
{
    public StorageException(string message) : base(message) { }

    public StorageException(string message, Exception inner) : base(message, inner) { }
}
