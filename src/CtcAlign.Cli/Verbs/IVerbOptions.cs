namespace CtcAlign.Cli.Verbs;

/// <summary>Parsed options of one verb; creates the command that does the work.</summary>
public interface IVerbOptions
{
    IVerbCommand CreateCommand();
}
