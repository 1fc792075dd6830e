namespace CtcAlign.Cli.Cluster;

/// <summary>A job failed on its input (missing or corrupt media, bad captions): its one-line reason, never retried.</summary>
public sealed class BadMediaException(string message, Exception? inner = null) : Exception(message, inner);
