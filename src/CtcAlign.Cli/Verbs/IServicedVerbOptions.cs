namespace CtcAlign.Cli.Verbs;

/// <summary>Options of a verb whose command needs <see cref="CliServices"/> (an aligner factory, a clip source).</summary>
public interface IServicedVerbOptions : IVerbOptions
{
    IVerbCommand CreateCommand(CliServices services);
}
