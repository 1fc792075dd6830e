using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// The aligner the installed <c>align</c> verb uses: the acoustic model (the default model unless --model) feeding
/// <see cref="CaptionEmissionAligner"/> (IPFA or the global baseline, word times, optional AWP re-ranking, caption WER)
/// through the channel pipeline (<see cref="ChannelMediaAligner"/>: streaming decode, one inference stage batching
/// windows across the files in flight, per-file alignment). Called only when some file needs aligning, so stored files
/// are skipped without loading a model.
/// </summary>
public static class DefaultAlignerFactory
{
    public static IMediaAligner Create(AlignerSettings settings) => ChannelMediaAligner.Load(settings);
}
