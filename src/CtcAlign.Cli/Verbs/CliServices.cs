using CtcAlign.Formats;
using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// What commands get from outside the command line: the aligner factory used by <c>align</c> and the clip
/// source used by corpus exports. <see cref="Default"/> is what the installed tool uses; tests pass fakes.
/// </summary>
public sealed record CliServices(MediaAlignerFactory AlignerFactory, IClipSource ClipSource)
{
    public static CliServices Default { get; } = new(DefaultAlignerFactory.Create, new DecodingClipSource());
}
