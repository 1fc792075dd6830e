namespace CtcAlign.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, messages and progress to <see cref="Error"/>.</summary>
/// <param name="IsInteractive">True when stderr is a terminal, so a live progress display may be drawn.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>
    /// Opens standard output for binary data (`emissions --out -`), or null where there is none (tests pass a stream).
    /// Text results (`--out -` of align and export) go through <see cref="Out"/>.
    /// </summary>
    public Func<Stream>? OpenBinaryOut { get; init; }
}
