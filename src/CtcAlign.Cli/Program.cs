using System.Reflection;
using CommandLine;
using CommandLine.Text;
using CtcAlign.Cli.Verbs;

namespace CtcAlign.Cli;

/// <summary>
/// Entry point: parses the verb, runs its command, and is the one place where known failures become a
/// one-line message on stderr and a non-zero exit code (the stack trace only with --verbose).
/// </summary>
public static class Program
{
    /// <summary>Every verb's options type; each one creates the command that does its work.</summary>
    internal static readonly Type[] VerbTypes =
    [
        typeof(AlignOptions),
        typeof(InspectOptions),
        typeof(ExportOptions),
        typeof(EmissionsOptions),
        typeof(ModelOptions),
        typeof(TranscribeOptions),
        typeof(ReviewOptions),
        typeof(SubmitOptions),
        typeof(WorkerOptions),
        typeof(StatusOptions),
        typeof(DashboardOptions),
    ];

    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (cts.IsCancellationRequested)
                return; // a second Ctrl+C ends the process at once
            e.Cancel = true;
            Console.Error.WriteLine("Stopping: finishing or rolling back the current file (Ctrl+C again to abort)...");
            cts.Cancel();
        };
        var console = new CliConsole(Console.Out, Console.Error, !Console.IsErrorRedirected) { OpenBinaryOut = Console.OpenStandardOutput };
        return RunAsync(args, console, cts.Token).GetAwaiter().GetResult();
    }

    /// <summary>Runs one command line; used by <see cref="Main"/> and by the end-to-end tests.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default) =>
        RunAsync(args, console, CliServices.Default, cancellationToken);

    /// <summary>Runs one command line with the given services (tests pass a fake aligner or clip source).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CliServices services, CancellationToken cancellationToken = default)
    {
        var verbose = args.Contains("--verbose") || args.Contains("-v");
        if (NumberArguments.FindError(args, VerbTypes) is { } numberError)
        {
            console.Error.WriteLine($"ctcalign: {numberError}");
            return ExitCodes.Usage;
        }
        args = [.. args.Select(a => a == "-h" ? "--help" : a)];
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null; // help and errors are written below: help to stdout, errors as a few lines on stderr
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = true;
        });
        var parsed = parser.ParseArguments(args, VerbTypes);
        if (parsed is NotParsed<object> notParsed && args.Length > 1
            && notParsed.Errors.Any(e => e is UnknownOptionError { Token: "help" }))
            parsed = parser.ParseArguments([args[0], "--help"], VerbTypes); // `model info --help`: the verb's help
        if (parsed is not Parsed<object> { Value: IVerbOptions options })
            return ReportParseErrors((NotParsed<object>)parsed, console);

        try
        {
            var command = options is IServicedVerbOptions serviced ? serviced.CreateCommand(services) : options.CreateCommand();
            return await command.ExecuteAsync(console, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("ctcalign: cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ExitCodes.IsUserError(ex))
        {
            console.Error.WriteLine($"ctcalign: {OneLine(ex.Message)}");
            if (verbose)
                console.Error.WriteLine(ex);
            return ExitCodes.InputError;
        }
        catch (Exception ex)
        {
            var report = WriteCrashReport(args, ex);
            console.Error.WriteLine($"ctcalign: internal error: {OneLine(ex.Message)} ({(report is null ? "run with --verbose for details" : $"details in {report}")})");
            if (verbose)
                console.Error.WriteLine(ex);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Keeps an internal error's stack trace in a file in the temp folder, so a failure seen once (a race, a long
    /// batch) can be reported without rerunning it with --verbose. Null when the file cannot be written.
    /// </summary>
    private static string? WriteCrashReport(string[] args, Exception ex)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"ctcalign-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
            File.WriteAllText(path, $"ctcalign {typeof(Program).Assembly.GetName().Version}\nargs: {string.Join(' ', args)}\n\n{ex}\n");
            return path;
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Help and --version go to stdout with exit 0; a wrong command line is a short error on stderr, exit 1.</summary>
    private static int ReportParseErrors(NotParsed<object> parsed, CliConsole console)
    {
        var errors = parsed.Errors.ToList();
        if (errors.Any(e => e.Tag == ErrorType.VersionRequestedError))
        {
            console.Out.WriteLine($"ctcalign {ToolVersion}");
            return ExitCodes.Success;
        }
        if (errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError))
        {
            console.Out.WriteLine(HelpText.AutoBuild(parsed, h => h, e => e, verbsIndex: errors.Any(e => e.Tag == ErrorType.HelpVerbRequestedError && e is HelpVerbRequestedError { Matched: false })));
            return ExitCodes.Success;
        }
        var sentences = SentenceBuilder.Create();
        foreach (var error in errors.Take(3))
            console.Error.WriteLine($"ctcalign: {sentences.FormatError(error)}");
        if (errors.Any(e => e.Tag is ErrorType.BadVerbSelectedError or ErrorType.NoVerbSelectedError))
            console.Error.WriteLine($"ctcalign: verbs: {string.Join(", ", VerbTypes.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name))}");
        console.Error.WriteLine("ctcalign: see --help");
        return ExitCodes.Usage;
    }

    internal static string ToolVersion =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Program).Assembly.GetName().Version?.ToString() ?? "unknown";

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
