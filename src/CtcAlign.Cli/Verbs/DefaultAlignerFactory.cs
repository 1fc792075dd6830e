using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// The aligner the installed <c>align</c> verb uses. The long-form (IPFA) aligner plugs in here: until it is
/// merged, asking for an aligner is a clear error (files already stored with the same settings are still
/// skipped and written out, because the factory is only called when some file needs aligning).
/// </summary>
public static class DefaultAlignerFactory
{
    public static IMediaAligner Create(AlignerSettings settings) =>
        throw new CtcAlignException("this build has no long-form aligner yet (the align verb needs the IPFA aligner to be merged)");
}
