namespace CtcAlign.Cli;

/// <summary>The process exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line itself is wrong (unknown verb or option, missing value).</summary>
    public const int Usage = 1;

    /// <summary>Bad input or environment: a missing or unreadable file, a corrupt media file, an incompatible database.</summary>
    public const int InputError = 2;

    /// <summary>A batch finished, but some of its files failed (each one reported with its reason).</summary>
    public const int PartialFailure = 3;

    /// <summary>A bug: please report it with the --verbose output.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C; the current file was rolled back.</summary>
    public const int Cancelled = 130;

    public static bool IsUserError(Exception ex) =>
        ex is CtcAlignException or IOException or UnauthorizedAccessException or FormatException
            or System.Text.Json.JsonException;
}
