using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using NAudio.Wave;

namespace CtcAlign.Bench;

/// <summary>
/// `consistency [--model DIR] [--minutes 3] [--seed 301] [--copies 3] [--programme PREFIX] [--break S] [--device auto] [--threads N]`:
/// one composed programme (tools/synth/compose.py, cached like the pipeline benchmark's, or PREFIX.wav/.srt/.truth.json)
/// repeated k times back to back in one WAV, with its captions repeated at the same offsets, aligned as `ctcalign align`
/// does by default (IPFA). --break S puts S seconds of silence without captions in each copy, after its middle line's
/// speech (a break: IPFA's windows after it are much longer than 70 s). Prints, per copy, the spoken lines within 0.5 s and the word boundary MAE (tools/synth/score.py
/// against the programme's truth), the lines whose status or start/end differ between copies by more than one frame
/// (leaving out the first and last line of each copy, whose neighbours across the boundary differ), the align stage's
/// work (frames segmented and word-aligned per frame of audio) and the time of inference and alignment.
/// </summary>
public static class ConsistencyBenchmark
{
    public const string Help = "a composed programme repeated k times in one file, aligned by IPFA: per-copy accuracy and lines placed differently [--minutes 3] [--copies 3] [--programme PREFIX]";

    public static int Run(string[] args)
    {
        var root = PipelineBenchmark.RepoRoot();
        var copies = (int)BenchArgs.Double(args, "--copies", 3);
        var minutes = BenchArgs.Double(args, "--minutes", 3);
        var seed = (int)BenchArgs.Double(args, "--seed", 301);
        if (copies < 2 || minutes <= 0)
        {
            Console.Error.WriteLine("consistency: --copies must be at least 2 and --minutes positive");
            return 2;
        }
        var cache = Path.Combine(Environment.GetEnvironmentVariable("CTCALIGN_CACHE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ctcalign"), "bench", "consistency");
        var programme = BenchArgs.String(args, "--programme")
            ?? PipelineBenchmark.Compose(root, Path.Combine(cache, $"p{minutes:0.##}-s{seed}"), minutes, seed);
        foreach (var ext in new[] { ".wav", ".srt", ".truth.json" })
            if (!File.Exists(programme + ext))
            {
                Console.Error.WriteLine($"consistency: {programme}{ext} not found");
                return 2;
            }

        var work = Directory.CreateTempSubdirectory("ctcalign-bench-consistency-");
        try
        {
            var tiled = Path.Combine(work.FullName, "tiled.wav");
            var lines = CaptionReader.Read(programme + ".srt");
            var truth = programme + ".truth.json";
            var pcm = ReadWav(programme + ".wav", out var format);
            var breakSeconds = BenchArgs.Double(args, "--break", 0);
            if (breakSeconds > 0)
                (pcm, lines, truth) = InsertBreak(pcm, format, lines, truth, breakSeconds, work.FullName);
            var copySeconds = Tile(pcm, format, tiled, copies);
            var captions = new List<CaptionLine>();
            for (var c = 0; c < copies; c++)
                foreach (var l in lines)
                    captions.Add(new CaptionLine(captions.Count, l.Text, l.Start + c * copySeconds, l.End + c * copySeconds));

            var device = Enum.Parse<InferenceDevice>(BenchArgs.String(args, "--device") ?? "auto", ignoreCase: true);
            var threads = (int)BenchArgs.Double(args, "--threads", 0);
            var modelDir = DefaultModelLocator.Resolve(BenchArgs.String(args, "--model"));
            using var model = AcousticModel.Load(modelDir, new AcousticModelOptions(new OnnxFrameModelOptions(device, threads)));
            var process = Process.GetCurrentProcess();

            var (emissions, inferWall, inferCpu) = Timed(process, () => model.ComputeEmissions(tiled));
            var audioSeconds = emissions.DurationSeconds;
            var aligner = new CaptionEmissionAligner(model.Description.Vocabulary, new AlignerSettings());
            var job = new MediaJob("tiled", tiled, captions);
            var ((alignment, stats), alignWall, alignCpu) = Timed(process, () =>
                aligner.AlignWithStatisticsAsync(job, Blocks(emissions, 1500), audioSeconds, CancellationToken.None).GetAwaiter().GetResult());

            Console.WriteLine($"consistency: {programme} ({copySeconds / 60:0.0} min, {lines.Count} caption lines) x {copies} copies in one file " +
                              $"({audioSeconds / 60:0.0} min); model {model.Description.Name} {model.Description.Version}, {model.Device}; {BenchArgs.Machine()}");
            var n = lines.Count;
            for (var c = 0; c < copies; c++)
            {
                var score = Score(root, truth, Copy(alignment.Segments, c, n, c * copySeconds), work.FullName, c);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  copy {c + 1}: {score.Within * 100:0.0}% of {score.Spoken} spoken lines within 0.5 s; word MAE {score.WordMae * 1000:0} ms; " +
                    $"{score.Accepted} lines aligned, {score.InsertedAccepted} never-spoken lines accepted"));
            }

            Console.WriteLine("  " + EmissionAgreement(emissions, copies, copySeconds));
            var frame = emissions.FrameSeconds + 1e-6;
            var placement = new List<string>();
            var wordsOnly = 0;
            for (var i = 1; i < n - 1; i++)
            {
                var a = alignment.Segments[i];
                string? placed = null;
                var wordDiffers = false;
                for (var c = 1; c < copies && placed is null; c++)
                {
                    var b = alignment.Segments[c * n + i];
                    var offset = c * copySeconds;
                    if (a.Status != b.Status || a.Start.HasValue != b.Start.HasValue
                        || (a.Start is { } s && (Math.Abs(s + offset - b.Start!.Value) > frame || Math.Abs(a.End!.Value + offset - b.End!.Value) > frame)))
                        placed = string.Create(CultureInfo.InvariantCulture,
                            $"line {i}: copy 1 {a.Status} [{a.Start:0.00}, {a.End:0.00}], copy {c + 1} {b.Status} [{b.Start - offset:0.00}, {b.End - offset:0.00}]");
                    else if (a.Words.Count != b.Words.Count
                             || a.Words.Zip(b.Words).Any(w => Math.Abs(w.First.Start + offset - w.Second.Start) > frame || Math.Abs(w.First.End + offset - w.Second.End) > frame))
                        wordDiffers = true;
                }
                if (placed is not null)
                    placement.Add(placed);
                else if (wordDiffers)
                    wordsOnly++;
            }
            Console.WriteLine($"  lines placed differently between copies (status, or start/end by more than one frame; first and last line of each copy left out): " +
                              $"{placement.Count} of {n - 2}; same placement but word times differ: {wordsOnly}");
            foreach (var p in placement.Take(10))
                Console.WriteLine("    " + p);

            var frames = (double)emissions.Frames;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  align-stage work: ctc-segmentation over {stats.SegmentedFrames / frames:0.00}x the audio ({stats.SegmenterCalls} calls, {stats.Windows} windows), " +
                $"word aligner over {stats.WordAlignedFrames / frames:0.00}x ({stats.WordAlignerCalls} calls)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  inference: {inferWall:0.0} s wall, {audioSeconds / inferWall:0}x real time, {inferCpu:0.0} s CPU = {BenchArgs.CpuSecondsPerAudioHour(inferCpu, audioSeconds):0.0} CPU-s per audio hour"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  alignment (IPFA, caption WER, one thread): {alignWall:0.0} s wall, {audioSeconds / alignWall:0}x real time, {alignCpu:0.0} s CPU = {BenchArgs.CpuSecondsPerAudioHour(alignCpu, audioSeconds):0.0} CPU-s per audio hour"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// How far the copies' emissions differ from the first copy's: the model runs in fixed windows from the start of the
    /// file, so a copy whose length is not a whole number of windows is cut into windows elsewhere and its emissions
    /// differ a little (then IPFA sees different numbers, and borderline lines may differ for that reason alone).
    /// </summary>
    private static string EmissionAgreement(EmissionMatrix e, int copies, double copySeconds)
    {
        var perCopy = copySeconds / e.FrameSeconds;
        if (Math.Abs(perCopy - Math.Round(perCopy)) > 1e-6)
            return "emissions: a copy is not a whole number of frames; not compared";
        var n = (int)Math.Round(perCopy);
        var v = e.VocabularySize;
        double largest = 0;
        long same = 0, compared = 0;
        for (var c = 1; c < copies; c++)
            for (var t = 0; t < n && c * n + t < e.Frames; t++)
            {
                compared++;
                if (e.ArgMax(t) == e.ArgMax(c * n + t))
                    same++;
                for (var k = 0; k < v; k++)
                    largest = Math.Max(largest, Math.Abs(e.LogProbs[t * v + k] - e.LogProbs[(c * n + t) * v + k]));
            }
        return string.Create(CultureInfo.InvariantCulture,
            $"emissions of copies 2-{copies} vs copy 1: largest log-probability difference {largest:0.000}, best token the same in {100.0 * same / compared:0.00}% of frames");
    }

    private static (T Result, double Wall, double Cpu) Timed<T>(Process process, Func<T> run)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = run();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static byte[] ReadWav(string wav, out WaveFormat format)
    {
        using var reader = new WaveFileReader(wav);
        format = reader.WaveFormat;
        var data = new byte[reader.Length];
        reader.ReadExactly(data);
        return data;
    }

    /// <summary>Writes <paramref name="copies"/> copies of the audio back to back; returns the seconds of one copy.</summary>
    private static double Tile(byte[] data, WaveFormat format, string output, int copies)
    {
        using (var writer = new WaveFileWriter(output, format))
            for (var c = 0; c < copies; c++)
                writer.Write(data, 0, data.Length);
        return data.Length / (double)format.AverageBytesPerSecond;
    }

    /// <summary>
    /// Inserts <paramref name="seconds"/> of silence without captions (a break) in the pause after the middle caption
    /// line's speech: the audio, the later captions' times and the truth's later times move by that much.
    /// </summary>
    private static (byte[] Pcm, IReadOnlyList<CaptionLine> Lines, string Truth) InsertBreak(byte[] pcm, WaveFormat format,
        IReadOnlyList<CaptionLine> lines, string truthPath, double seconds, string work)
    {
        var truth = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(truthPath))!;
        var spoken = truth["lines"]!.AsArray().Where(l => l!["start"] is not null && l["start"]!.GetValueKind() == JsonValueKind.Number)
            .OrderBy(l => (double)l!["start"]!).ToList();
        var middle = lines.Count / 2;
        var j = spoken.FindIndex(l => l!["caption_index"]?.GetValueKind() == JsonValueKind.Number && (int)l["caption_index"]! == middle);
        if (j < 0 || j + 1 >= spoken.Count)
            throw new InvalidOperationException($"caption line {middle} of the programme is not spoken: no place for a break");
        var cut = ((double)spoken[j]!["end"]! + (double)spoken[j + 1]!["start"]!) / 2;
        foreach (var l in truth["lines"]!.AsArray())
        {
            if (l!["start"] is { } st && st.GetValueKind() == JsonValueKind.Number && (double)st >= cut)
            {
                foreach (var key in new[] { "start", "end" })
                    l[key] = (double)l[key]! + seconds;
                foreach (var w in l["words"]!.AsArray())
                    foreach (var key in new[] { "start", "end" })
                        w![key] = (double)w[key]! + seconds;
            }
        }
        truth["duration"] = (double)truth["duration"]! + seconds;
        var path = Path.Combine(work, "with-break.truth.json");
        File.WriteAllText(path, truth.ToJsonString());

        var at = (int)(cut * format.SampleRate) * format.BlockAlign;
        var silence = (int)(seconds * format.SampleRate) * format.BlockAlign;
        var result = new byte[pcm.Length + silence];
        Array.Copy(pcm, 0, result, 0, at);
        Array.Copy(pcm, at, result, at + silence, pcm.Length - at);
        var shifted = lines.Select(l => l.Index > middle ? l with { Start = l.Start + seconds, End = l.End + seconds } : l).ToList();
        return (result, shifted, path);
    }

    private static async IAsyncEnumerable<EmissionMatrix> Blocks(EmissionMatrix all, int frames)
    {
        for (var start = 0; start < all.Frames; start += frames)
        {
            await Task.Yield();
            yield return all.Slice(start, Math.Min(all.Frames, start + frames));
        }
    }

    /// <summary>The segments of copy <paramref name="copy"/>, re-indexed from 0 and moved to the programme's own times.</summary>
    private static List<AlignedSegment> Copy(IReadOnlyList<AlignedSegment> all, int copy, int lines, double offset) =>
        all.Skip(copy * lines).Take(lines).Select(s => s with
        {
            Index = s.Index - copy * lines,
            Start = s.Start - offset,
            End = s.End - offset,
            HintStart = s.HintStart - offset,
            HintEnd = s.HintEnd - offset,
            Words = s.Words.Select(w => w with { Start = w.Start - offset, End = w.End - offset }).ToList(),
        }).ToList();

    private sealed record CopyScore(double Within, int Spoken, double WordMae, int Accepted, int InsertedAccepted);

    /// <summary>Scores one copy against the programme's truth with tools/synth/score.py (the long-form evaluation's scorer).</summary>
    private static CopyScore Score(string root, string truth, List<AlignedSegment> segments, string work, int copy)
    {
        var path = Path.Combine(work, $"copy{copy + 1}.json");
        using (var f = File.Create(path))
            AlignmentJsonWriter.Write(f, [new MediaAlignment("copy", "copy.wav", 0, segments)]);
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(root, "tools/synth/score.py"), "--truth", truth, "--alignment", path, "--json" })
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"score.py failed ({p.ExitCode}): {err.Result}");
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        double Number(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : double.NaN;
        return new CopyScore(Number("within_0_5s"), r.GetProperty("spoken_captioned_lines").GetInt32(), Number("word_mae_s"),
            segments.Count(s => s.Status == SegmentStatus.Aligned), r.GetProperty("inserted_accepted").GetInt32());
    }
}
