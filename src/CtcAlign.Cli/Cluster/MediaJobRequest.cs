namespace CtcAlign.Cli.Cluster;

/// <summary>
/// What a cluster job carries (stored by Hangfire as JSON): one manifest entry, the content hash and skip key seen by
/// <c>submit</c>, and the align options as JSON (a worker rebuilds the same aligner settings from them).
/// </summary>
public sealed class MediaJobRequest
{
    public string Id { get; set; } = "";

    public string AudioPath { get; set; } = "";

    public string? CaptionsPath { get; set; }

    public string? Text { get; set; }

    /// <summary>The media's content hash when it was submitted.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The <see cref="Verbs.AlignOptions"/> of the submit command, as JSON.</summary>
    public string AlignOptionsJson { get; set; } = "";
}
