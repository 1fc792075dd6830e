using CtcAlign.Audio;

namespace CtcAlign.Pipeline;

/// <summary>
/// Channel capacities of <see cref="ChannelMediaAligner"/>. Every channel is bounded and waits when full (nothing
/// is dropped), so a slow stage holds back the ones before it.
/// </summary>
/// <param name="WindowQueue">Audio windows waiting for the model, all files together (a 34 s window is 2.2 MB).</param>
/// <param name="BlocksPerFile">Emission blocks waiting for one file's aligner (a 30 s block is about 0.2 MB).</param>
/// <param name="Decoder">How media files are opened.</param>
public sealed record ChannelMediaAlignerOptions(int WindowQueue = 8, int BlocksPerFile = 4, MediaDecoderOptions? Decoder = null)
{
    public static ChannelMediaAlignerOptions Default { get; } = new();
}
