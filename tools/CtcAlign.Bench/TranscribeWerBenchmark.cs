using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Decoding;

namespace CtcAlign.Bench;

/// <summary>
/// Transcription WER of greedy, beam and MBR decoding on a manifest of utterances with known text (tools/synth/gen_corpus.py
/// output: lines {"audio", "spoken", ...}), with the model's emissions computed once per utterance and each decoder timed.
/// </summary>
internal static class TranscribeWerBenchmark
{
    public const string Help = "--manifest FILE [--model DIR] [--limit N] [--beam 16] [--lambda 1]: WER and time of greedy, beam and MBR decoding";

    public static int Run(string[] args)
    {
        var manifest = BenchArgs.String(args, "--manifest");
        if (manifest is null)
        {
            Console.Error.WriteLine("transcribe-wer " + Help);
            return 2;
        }
        var limit = (int)BenchArgs.Double(args, "--limit", 200);
        var beam = (int)BenchArgs.Double(args, "--beam", 16);
        var lambda = BenchArgs.Double(args, "--lambda", 1.0);
        using var model = AcousticModel.Load(DefaultModelLocator.Resolve(BenchArgs.String(args, "--model")),
            new AcousticModelOptions(new OnnxFrameModelOptions(InferenceDevice.Cpu)));
        var vocabulary = model.Description.Vocabulary;
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var errors = new int[3];
        var seconds = new double[3];
        var words = 0;
        var utterances = 0;
        double audioSeconds = 0;
        foreach (var line in File.ReadLines(manifest).Where(l => l.Trim().Length > 0).Take(limit))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var audio = Path.Combine(folder, root.GetProperty("audio").GetString()!);
            var reference = WordErrorRate.Words(root.GetProperty("spoken").GetString()!);
            var emissions = model.ComputeEmissions(audio);
            audioSeconds += emissions.DurationSeconds;
            var watch = Stopwatch.StartNew();
            var greedy = GreedyDecoder.Decode(emissions, vocabulary);
            seconds[0] += watch.Elapsed.TotalSeconds;
            watch.Restart();
            var nbest = BeamSearchDecoder.Decode(emissions, vocabulary, new BeamSearchOptions(beam, beam));
            seconds[1] += watch.Elapsed.TotalSeconds;
            watch.Restart();
            var mbr = MbrSelector.Select(nbest, lambda).Chosen;
            seconds[2] += watch.Elapsed.TotalSeconds;
            DecodedHypothesis[] chosen = [greedy, nbest[0], mbr];
            for (var d = 0; d < 3; d++)
                errors[d] += WordErrorRate.Count(reference, chosen[d].Words.Select(w => w.Word).ToArray()).Errors;
            words += reference.Length;
            utterances++;
        }
        var load = BenchArgs.LoadAverage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{utterances} utterances, {audioSeconds / 60:0.0} min of audio, {words} words; model {model.Description.Name} {model.Description.Version}; load average {load}"));
        Console.WriteLine("| decoder | WER | decoding time (x real time) |");
        Console.WriteLine("| --- | --- | --- |");
        string[] names = ["greedy", $"beam {beam}", $"MBR (beam {beam}, lambda {lambda.ToString(CultureInfo.InvariantCulture)})"];
        var mbrTime = seconds[1] + seconds[2];
        double[] times = [seconds[0], seconds[1], mbrTime];
        for (var d = 0; d < 3; d++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {names[d]} | {100.0 * errors[d] / Math.Max(1, words):0.0}% | {times[d]:0.00} s ({audioSeconds / Math.Max(times[d], 1e-9):0}x) |"));
        return 0;
    }
}
