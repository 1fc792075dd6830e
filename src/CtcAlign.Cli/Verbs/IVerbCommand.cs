namespace CtcAlign.Cli.Verbs;

/// <summary>The work of one verb. Returns an exit code from <see cref="ExitCodes"/>; user errors are thrown as <see cref="CtcAlignException"/>.</summary>
public interface IVerbCommand
{
    Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken);
}
