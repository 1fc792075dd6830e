namespace CtcAlign.Bench;

/// <summary>Benchmarks: `dotnet run -c Release --project tools/CtcAlign.Bench -- &lt;name&gt;`; each prints its figures.</summary>
public static class Program
{
    private static readonly Dictionary<string, (string Help, Func<string[], int> Run)> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["storage"] = ("[MEDIA [LINES]] store, load and write synthetic hour-long alignments", StorageBenchmark.Run),
        ["awp"] = (Awp.AwpBenchmark.Help, Awp.AwpBenchmark.Run),
        ["segmentation"] = ("ctc-segmentation of 1 h of synthetic emissions, 600 lines [--frames N --lines N --repeat N --star]", SegmentationBenchmark.Run),
        ["viterbi"] = ("Viterbi of a 1,500-token text over 10 min of emissions [--frames N --tokens N --backpointer-mib N]", ViterbiBenchmark.Run),
        ["decode"] = ("decode + resample speed (x real time): WAV, MP3, ffmpeg [--minutes 10] [--rate 16000]", DecodeBenchmark.Run),
        ["pipeline"] = (PipelineBenchmark.Help, PipelineBenchmark.Run),
        ["consistency"] = (ConsistencyBenchmark.Help, ConsistencyBenchmark.Run),
        ["transcribe-wer"] = (TranscribeWerBenchmark.Help, TranscribeWerBenchmark.Run),
        ["inference"] = (InferenceBenchmark.Help, InferenceBenchmark.Run),
        ["agreement"] = (EmissionAgreementBenchmark.Help, EmissionAgreementBenchmark.Run),
        ["cluster"] = (ClusterBenchmark.Help, ClusterBenchmark.Run),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var bench))
        {
            Console.Error.WriteLine("usage: ctcalign-bench <benchmark> [options]");
            foreach (var (name, (help, _)) in Benchmarks)
                Console.Error.WriteLine($"  {name,-14} {help}");
            return args.Length == 0 ? 1 : 2;
        }
        return bench.Run(args[1..]);
    }
}
