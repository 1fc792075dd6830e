using System.Diagnostics;
using System.Globalization;
using CtcAlign.Decoding;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Bench.Awp;

/// <summary>
/// `awp`: time of latency re-ranking per 10 s segment (500 frames, 40 tokens) and of greedy, beam and MBR decoding
/// on 10 minutes of synthetic emissions. With --manifest and --emissions it evaluates re-ranking on real
/// emissions with known word times instead (see <see cref="AwpEvaluation"/>).
/// </summary>
public static class AwpBenchmark
{
    public const string Help = "AWP re-ranking ms/segment and decoding x real time; --manifest M.jsonl --emissions DIR: onset bias/MAE with and without re-ranking";

    public static int Run(string[] args)
    {
        var options = BenchArguments.Parse(args);
        var samples = options.Int("samples", 16);
        if (options.Text("manifest") is { } manifest)
        {
            // Lists tune: --lambda 0.5,1,2 --shift 1,2,3 gives one row per pair.
            var emissions = options.Text("emissions") ?? throw new ArgumentException("--manifest needs --emissions DIR.");
            return AwpEvaluation.Run(manifest, emissions, options.Doubles("lambda", 1.0), options.Doubles("shift", 3).Select(k => (int)k).ToArray(),
                options.Doubles("window", 20).Select(w => (int)w).ToArray(), samples, options.Text("unit") ?? "word");
        }
        foreach (var window in options.Text("window") is null ? [0.0, 20] : options.Doubles("window", 20))
            RerankTiming(options.Int("segments", 200),
                new LatencyRerankOptions(options.Double("lambda", 1.0), samples, options.Int("shift", 3), SampleWindow: (int)window));
        DecodeTiming(options.Double("minutes", 10));
        return 0;
    }

    private static void RerankTiming(int segments, LatencyRerankOptions options)
    {
        const int frames = 500, tokens = 40, vocabulary = 32;
        var random = new Random(7);
        var inputs = Enumerable.Range(0, segments).Select(_ => SyntheticEmissions.Make(frames, tokens, vocabulary, random)).ToArray();
        // Warm up the JIT.
        foreach (var (e, target) in inputs.Take(5))
            LatencyReranker.Rerank(e, 0, frames, target, 0, options);

        var times = new double[segments];
        var changed = 0;
        var shifts = new List<double>();
        var deltas = new List<double>();
        var candidates = 0L;
        var sources = new Dictionary<string, int> { ["viterbi"] = 0, ["sample"] = 0, ["window sample"] = 0, ["variant"] = 0 };
        var samplesInGuard = 0;
        for (var i = 0; i < segments; i++)
        {
            var (e, target) = inputs[i];
            var clock = Stopwatch.StartNew();
            var viterbi = CtcTrellis.BestPath(e, 0, frames, target, 0);
            var result = LatencyReranker.Rerank(e, 0, frames, target, 0, options, viterbi);
            times[i] = clock.Elapsed.TotalMilliseconds;
            candidates += result.CandidateCount;
            sources[result.Source]++;
            var a0LogP = CtcPath.LogProbability(e, 0, viterbi);
            var sampler = new Random(options.Seed);
            var drawn = options.SampleWindow > 0
                ? Enumerable.Range(0, options.Samples).Select(_ => sampler.Next(0, frames - options.SampleWindow + 1))
                    .Select(s => AlignmentSampler.Resample(e, 0, target, 0, viterbi, s, s + options.SampleWindow, sampler)).ToArray()
                : AlignmentSampler.Sample(e, 0, frames, target, 0, options.Samples, sampler);
            samplesInGuard += drawn.Count(p => CtcPath.LogProbability(e, 0, p) >= a0LogP - options.Lambda);
            if (result.Changed)
            {
                changed++;
                shifts.Add(result.OnsetShiftFrames.Average() * e.FrameSeconds * 1000);
                deltas.Add(result.LogProbabilityDelta);
            }
        }
        Array.Sort(times);
        Console.WriteLine(Invariant($"AWP latency re-ranking, {segments} synthetic 10 s segments ({frames} frames, {tokens} tokens, V={vocabulary}), lambda {options.Lambda}, N={options.Samples} {(options.SampleWindow > 0 ? $"window samples of {options.SampleWindow} frames" : "whole-path samples")}, K={options.MaxShift}:"));
        Console.WriteLine(Invariant($"  time per segment (Viterbi + FFBS + variants + scoring): mean {times.Average():0.00} ms, median {times[segments / 2]:0.00} ms, p95 {times[(int)(segments * 0.95)]:0.00} ms"));
        Console.WriteLine(Invariant($"  chosen path from: Viterbi {sources["viterbi"]}, FFBS sample {sources["sample"]}, window sample {sources["window sample"]}, latency variant {sources["variant"]}; FFBS samples inside the guard {samplesInGuard}/{segments * options.Samples}"));
        Console.WriteLine(Invariant($"  candidates per segment {candidates / (double)segments:0.0}; segments changed {changed}/{segments}; mean onset shift over all tokens of changed segments {(shifts.Count > 0 ? shifts.Average() : 0):0.0} ms earlier at {(deltas.Count > 0 ? deltas.Average() : 0):0.00} nats"));
    }

    private static void DecodeTiming(double minutes)
    {
        const int vocabulary = 32;
        var frames = (int)(minutes * 60 / 0.02);
        var (e, _) = SyntheticEmissions.Make(frames, frames * 3 / 10, vocabulary, new Random(11));
        var tokens = new List<string> { "<blank>", "|" };
        for (var i = 0; tokens.Count < vocabulary; i++)
            tokens.Add(((char)('a' + i)).ToString());
        var v = Vocabulary.FromTokens(tokens);
        var audio = e.DurationSeconds;
        Console.WriteLine(Invariant($"Decoding {minutes:0.#} min of synthetic emissions ({frames} frames, V={vocabulary}), one thread:"));

        GreedyDecoder.Decode(e, v, 0, 500);
        var clock = Stopwatch.StartNew();
        var greedy = GreedyDecoder.Decode(e, v);
        Report("greedy", clock.Elapsed.TotalSeconds, audio, greedy.Tokens.Count);

        foreach (var beam in new[] { 1, 4, 8, 16, 32 })
        {
            BeamSearchDecoder.Decode(e, v, new BeamSearchOptions(beam), 0, 500);
            clock.Restart();
            var best = BeamSearchDecoder.Decode(e, v, new BeamSearchOptions(beam))[0];
            Report($"beam {beam}", clock.Elapsed.TotalSeconds, audio, best.Tokens.Count);
        }

        clock.Restart();
        var nbest = BeamSearchDecoder.Decode(e, v, new BeamSearchOptions(16, 16));
        var mbr = MbrSelector.Select(nbest);
        Report("mbr (beam 16, 16-best)", clock.Elapsed.TotalSeconds, audio, mbr.Chosen.Tokens.Count);
    }

    private static void Report(string name, double seconds, double audio, int tokens) =>
        Console.WriteLine(Invariant($"  {name,-24} {seconds,8:0.000} s  {audio / seconds,9:0}x real time  ({tokens} tokens)"));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
