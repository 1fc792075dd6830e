using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Decoding;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Decodes a media file's emissions: greedy, prefix beam search, or minimum-Bayes-risk choice among the beam's N-best.
/// Prints the transcript (text) or the hypotheses with word times (json); timing goes to stderr.
/// </summary>
/// <param name="openSource">Opens the emission source for the options' model, device and threads.</param>
public sealed class TranscribeCommand(TranscribeOptions options, Func<TranscribeOptions, IEmissionSource> openSource) : IVerbCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var greedy = options.Decoder == TranscribeOptions.DecoderKind.Greedy;
        if (options.Beam < 1)
            throw new CtcAlignException($"--beam must be at least 1; got {options.Beam}.");
        if (options.NBest < 1 || options.NBest > options.Beam)
            throw new CtcAlignException($"--nbest must be between 1 and --beam {options.Beam}; got {options.NBest}.");
        if (greedy && options.NBest > 1)
            throw new CtcAlignException("--nbest needs --decoder beam or mbr; greedy decoding gives one hypothesis.");
        if (!(options.MbrLambda >= 0) || double.IsInfinity(options.MbrLambda))
            throw new CtcAlignException($"--mbr-lambda must be a number >= 0; got {options.MbrLambda.ToString(CultureInfo.InvariantCulture)}.");
        if (options.Threads < 0)
            throw new CtcAlignException($"--threads must be 0 or more; got {options.Threads}.");
        if (Directory.Exists(options.Media))
            throw new CtcAlignException($"{options.Media} is a folder, not a media file");
        if (!File.Exists(options.Media))
            throw new CtcAlignException($"Media file not found: {options.Media}");

        var source = openSource(options);
        var (emissions, vocabulary, device, cudaFailure) = await source.ComputeAsync(options.Media, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (device is not null)
            console.Error.WriteLine($"device: {device}");
        if (options.Verbose && cudaFailure is not null)
            console.Error.WriteLine($"CUDA: {cudaFailure}");

        var clock = Stopwatch.StartNew();
        IReadOnlyList<DecodedHypothesis> nbest;
        var chosen = 0;
        double[]? expectedWer = null;
        switch (options.Decoder)
        {
            case TranscribeOptions.DecoderKind.Greedy:
                nbest = [GreedyDecoder.Decode(emissions, vocabulary)];
                break;
            case TranscribeOptions.DecoderKind.Beam:
                nbest = BeamSearchDecoder.Decode(emissions, vocabulary, new BeamSearchOptions(options.Beam, options.NBest));
                break;
            default:
                nbest = BeamSearchDecoder.Decode(emissions, vocabulary, new BeamSearchOptions(options.Beam, options.Beam));
                var mbr = MbrSelector.Select(nbest, options.MbrLambda);
                chosen = mbr.ChosenIndex;
                expectedWer = mbr.ExpectedWer.ToArray();
                break;
        }
        var decodeSeconds = clock.Elapsed.TotalSeconds;
        if (nbest.Count == 0)
            throw new CtcAlignException($"{options.Media} has no audio frames to decode.");

        var best = nbest[chosen];
        var shown = nbest.Take(options.NBest).ToArray();
        if (options.Format == TranscribeOptions.OutputFormat.Json)
        {
            var document = new TranscriptDocument(
                Path.GetFullPath(options.Media),
                options.Decoder.ToString().ToLowerInvariant(),
                emissions.DurationSeconds,
                best.Text,
                Math.Round(best.LogProbability, 4),
                best.Words.Select(Word).ToArray(),
                shown.Select((h, i) => new NBestEntry(i + 1, h.Text, Math.Round(h.LogProbability, 4),
                    expectedWer is null ? null : Math.Round(expectedWer[i], 4), h.Words.Select(Word).ToArray())).ToArray());
            console.Out.WriteLine(JsonSerializer.Serialize(document, Json));
        }
        else
        {
            console.Out.WriteLine(best.Text);
            if (options.NBest > 1)
            {
                console.Out.WriteLine();
                for (var i = 0; i < shown.Length; i++)
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(i == chosen ? "*" : " ")}{i + 1,3} {shown[i].LogProbability,10:0.00}  {shown[i].Text}"));
            }
        }

        var audio = emissions.DurationSeconds;
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Decoder.ToString().ToLowerInvariant()}: {audio:0.##} s of audio decoded in {decodeSeconds:0.###} s ({audio / Math.Max(decodeSeconds, 1e-9):0}x real time)"));
        return ExitCodes.Success;
    }

    private static WordEntry Word(DecodedWord w) =>
        new(w.Word, Math.Round(w.Start, 3), Math.Round(w.End, 3), Math.Round(w.Confidence, 4));

    private sealed record TranscriptDocument(
        string Media, string Decoder, double DurationSeconds, string Text, double LogProbability,
        IReadOnlyList<WordEntry> Words, IReadOnlyList<NBestEntry> NBest);

    private sealed record NBestEntry(int Rank, string Text, double LogProbability, double? ExpectedWer, IReadOnlyList<WordEntry> Words);

    private sealed record WordEntry(string Word, double Start, double End, double Confidence);
}
