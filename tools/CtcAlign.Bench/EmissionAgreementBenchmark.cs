using System.Globalization;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Decoding;

namespace CtcAlign.Bench;

/// <summary>
/// `agreement [--model DIR[,DIR2]] [--precision float32,int8] [--window 30[,60]] [--context 2[,C]] [--batch 4]
/// [--media DIR|FILE[,FILE]] [--transcripts FILE]`: the emissions of several graphs or window settings on the same
/// media, each against the first setting, through ONNX Runtime (what `align` runs): the share of frames with the same
/// best token, the mean total-variation distance between the frame distributions, the same two within 0.5 s of a
/// window seam of either setting (where windowing differs), and greedy CER against the transcripts when there are
/// any (a transcripts.tsv of id, path, text lines beside the media folder, as in ../shared/data/real-speech).
/// </summary>
public static class EmissionAgreementBenchmark
{
    public const string Help =
        "emissions of graphs/window settings against the first, via ONNX Runtime: best-token agreement, total variation, at window seams, greedy CER " +
        "[--model DIR[,DIR2]] [--precision float32,int8] [--window 30[,W]] [--context 2[,C]] [--media DIR|FILE[,FILE]] [--transcripts FILE]";

    private sealed record Setting(string Model, ModelPrecision Precision, EmissionOptions Emission)
    {
        public string Label(bool withModel) =>
            (withModel ? Path.GetFileName(Model.TrimEnd('/')) + " " : "") +
            $"{ModelPrecisionNames.Name(Precision)} window {Emission.WindowSeconds}+2x{Emission.ContextSeconds} s";
    }

    public static int Run(string[] args)
    {
        var dirs = BenchArgs.List(args, "--model", null).Select(DefaultModelLocator.Resolve).ToArray();
        var precisions = BenchArgs.List(args, "--precision", "float32,int8").Select(p => ModelPrecisionNames.Parse(p!)).ToArray();
        var windows = BenchArgs.List(args, "--window", "30").Select(BenchArgs.Number).ToArray();
        var contexts = BenchArgs.List(args, "--context", "2").Select(BenchArgs.Number).ToArray();
        var batch = (int)BenchArgs.Double(args, "--batch", 4);
        var mediaArg = BenchArgs.String(args, "--media") ?? Path.Combine("..", "shared", "data", "real-speech", "wav");
        var media = Directory.Exists(mediaArg)
            ? Directory.GetFiles(mediaArg, "*.wav").Order(StringComparer.Ordinal).ToArray()
            : mediaArg.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (media.Length == 0 || media.Any(f => !File.Exists(f)))
        {
            Console.Error.WriteLine($"agreement: no media at {mediaArg}");
            return 2;
        }
        var transcriptsPath = BenchArgs.String(args, "--transcripts")
                              ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(media[0]))!, "..", "transcripts.tsv");
        var transcripts = File.Exists(transcriptsPath)
            ? File.ReadLines(transcriptsPath).Select(l => l.Split('\t')).Where(p => p.Length >= 3).ToDictionary(p => p[0], p => p[2])
            : [];

        var settings = (from dir in dirs
                        from p in precisions
                        from w in windows
                        from c in contexts
                        select new Setting(dir, p, new EmissionOptions(w, c, batch))).ToList();
        var models = settings.Select(s => AcousticModel.Load(s.Model,
            new AcousticModelOptions(new OnnxFrameModelOptions(InferenceDevice.Cpu, Precision: s.Precision), s.Emission))).ToList();
        try
        {
            var n = settings.Count;
            long frames = 0, seamFrames = 0;
            var same = new long[n];
            var sameSeam = new long[n];
            var tv = new double[n];
            var tvSeam = new double[n];
            var charErrors = new long[n];
            long chars = 0;
            double seconds = 0;
            foreach (var file in media)
            {
                var e = models.Select(m => m.ComputeEmissions(file)).ToArray();
                var t = e.Min(x => x.Frames);
                var v = e[0].VocabularySize;
                seconds += e[0].DurationSeconds;
                var seam = new bool[t];
                foreach (var m in models)
                {
                    var core = m.Emissions.Layout.CoreSamples / m.Emissions.Layout.StrideSamples;
                    for (var b = core; b < t + 25; b += core)
                        for (var f = Math.Max(0, b - 25); f < Math.Min(t, b + 25); f++)
                            seam[f] = true;
                }
                for (var f = 0; f < t; f++)
                {
                    var r = e[0].LogProbs.AsSpan(f * v, v);
                    var best0 = CtcAlign.Alignment.EmissionMatrix.ArgMax(r);
                    frames++;
                    if (seam[f])
                        seamFrames++;
                    for (var k = 1; k < n; k++)
                    {
                        var x = e[k].LogProbs.AsSpan(f * v, v);
                        var agree = CtcAlign.Alignment.EmissionMatrix.ArgMax(x) == best0 ? 1 : 0;
                        var d = 0.0;
                        for (var j = 0; j < v; j++)
                            d += Math.Abs(Math.Exp(x[j]) - Math.Exp(r[j]));
                        d /= 2;
                        same[k] += agree;
                        tv[k] += d;
                        if (seam[f])
                        {
                            sameSeam[k] += agree;
                            tvSeam[k] += d;
                        }
                    }
                }
                if (transcripts.TryGetValue(Path.GetFileNameWithoutExtension(file), out var text))
                {
                    chars += text.Length;
                    for (var k = 0; k < n; k++)
                    {
                        var words = GreedyDecoder.Decode(e[k], models[k].Description.Vocabulary).Words.Select(w => w.Word);
                        charErrors[k] += EditDistance(text, string.Join(' ', words));
                    }
                }
            }
            var withModel = dirs.Length > 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agreement: {media.Length} files, {seconds / 60:0.0} min, {frames} frames ({seamFrames} within 0.5 s of a window seam); {BenchArgs.Machine()}"));
            for (var k = 0; k < n; k++)
            {
                var cer = chars > 0 ? string.Create(CultureInfo.InvariantCulture, $"greedy CER {100.0 * charErrors[k] / chars:0.0}%") : "no transcripts";
                var atSeams = seamFrames > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * sameSeam[k] / seamFrames:0.00}% / {tvSeam[k] / seamFrames:0.0000}")
                    : "-";
                var vs = k == 0 ? "reference" : string.Create(CultureInfo.InvariantCulture,
                    $"same best token {100.0 * same[k] / frames:0.00}% of frames, mean total variation {tv[k] / frames:0.0000}; at seams {atSeams}");
                Console.WriteLine($"  {settings[k].Label(withModel)}: {cer}; {vs}");
            }
            return 0;
        }
        finally
        {
            foreach (var m in models)
                m.Dispose();
        }
    }


    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
