using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Alignment;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Bench.Awp;

/// <summary>
/// Word onset bias and boundary error with and without latency re-ranking, on utterances with known word times.
/// Input: a manifest JSONL (lines {"audio", "text", "words": [{"word", "start", "end"}]}) and, for each audio file
/// "x.wav", "DIR/x.npy" (float32 [T, V] log-probabilities or logits) with "DIR/x.json" beside it (frame_seconds,
/// vocabulary, blank; as `ctcalign emissions` writes them). Each utterance is aligned whole as one segment.
/// </summary>
public static class AwpEvaluation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ManifestWord(string Word, double Start, double End);

    private sealed record ManifestLine(string Audio, string Text, List<ManifestWord> Words);

    private sealed class Errors
    {
        public List<double> Start { get; } = [];
        public List<double> End { get; } = [];
        public double Seconds { get; set; }
        public int Changed { get; set; }
    }

    public static int Run(string manifestPath, string emissionsDir, IReadOnlyList<double> lambdas, IReadOnlyList<int> shifts,
        IReadOnlyList<int> windows, int samples, string unit)
    {
        if (unit is not ("word" or "token"))
            throw new ArgumentException($"--unit must be word or token; got '{unit}'.");
        var rows = new Dictionary<string, Errors> { ["viterbi (first..last emission + 1)"] = new(), ["viterbi, start 1 frame early"] = new() };
        var settings = (from l in lambdas from k in shifts from w in windows select new LatencyRerankOptions(l, samples, k, SampleWindow: w)).ToArray();
        foreach (var s in settings)
            rows[Name(s)] = new Errors();
        int files = 0, skippedFiles = 0, words = 0, skippedWords = 0;

        foreach (var line in File.ReadLines(manifestPath).Where(l => l.Trim().Length > 0))
        {
            var item = JsonSerializer.Deserialize<ManifestLine>(line, Json) ?? throw new FormatException($"Bad manifest line: {line}");
            var stem = Path.GetFileNameWithoutExtension(item.Audio);
            var npy = Path.Combine(emissionsDir, stem + ".npy");
            if (!File.Exists(npy))
            {
                Console.Error.WriteLine($"skip {item.Audio}: no {npy}");
                skippedFiles++;
                continue;
            }
            var (emissions, vocabulary) = Load(npy, Path.ChangeExtension(npy, ".json"));
            var (target, firstToken, lastToken, kept) = Tokenize(item.Words, vocabulary);
            skippedWords += item.Words.Count - kept.Count;
            var blank = vocabulary.BlankIndex;
            int[] viterbi;
            try
            {
                viterbi = CtcTrellis.BestPath(emissions, 0, emissions.Frames, target, blank);
            }
            catch (Exception ex) when (ex is AlignmentException or ArgumentException)
            {
                Console.Error.WriteLine($"skip {item.Audio}: {ex.Message}");
                skippedFiles++;
                continue;
            }
            files++;
            words += kept.Count;
            var d = emissions.FrameSeconds;
            Score(rows["viterbi (first..last emission + 1)"], viterbi, 0);
            Score(rows["viterbi, start 1 frame early"], viterbi, d);
            var property = unit == "word" ? firstToken : null;
            foreach (var s in settings)
            {
                var clock = Stopwatch.StartNew();
                var result = LatencyReranker.Rerank(emissions, 0, emissions.Frames, target, blank, s, viterbi, property);
                rows[Name(s)].Seconds += clock.Elapsed.TotalSeconds;
                rows[Name(s)].Changed += result.Changed ? 1 : 0;
                Score(rows[Name(s)], result.Path, 0);
            }

            void Score(Errors errors, int[] path, double early)
            {
                var onsets = CtcPath.Onsets(path, blank);
                for (var w = 0; w < kept.Count; w++)
                {
                    var start = Math.Max(0, onsets[firstToken[w]] * d - early);
                    var endFrame = onsets[lastToken[w]];
                    while (endFrame + 1 < path.Length && path[endFrame + 1] == path[onsets[lastToken[w]]])
                        endFrame++;
                    errors.Start.Add(start - kept[w].Start);
                    errors.End.Add((endFrame + 1) * d - kept[w].End);
                }
            }
        }

        Console.WriteLine($"AWP evaluation: {files} utterances, {words} words ({skippedFiles} utterances and {skippedWords} words skipped), property = mean {unit} onset, N={samples}");
        Console.WriteLine("| method | onset bias (ms) | onset MAE (ms) | end bias (ms) | boundary MAE (ms) | onsets within 50 ms | changed | ms/utterance |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, e) in rows)
        {
            if (e.Start.Count == 0)
                continue;
            var boundary = e.Start.Concat(e.End).Select(Math.Abs).Average();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {e.Start.Average() * 1000:0.0} | {e.Start.Select(Math.Abs).Average() * 1000:0.0} | {e.End.Average() * 1000:0.0} | {boundary * 1000:0.0} | {e.Start.Count(x => Math.Abs(x) <= 0.05) * 100.0 / e.Start.Count:0.0}% | {(name.StartsWith("awp") ? $"{e.Changed}/{files}" : "-")} | {(name.StartsWith("awp") ? $"{e.Seconds * 1000 / Math.Max(1, files):0.00}" : "-")} |"));
        }
        return files > 0 ? 0 : 2;
    }

    private static string Name(LatencyRerankOptions s) =>
        string.Create(CultureInfo.InvariantCulture, $"awp latency, lambda {s.Lambda}, K {s.MaxShift}, {(s.SampleWindow > 0 ? $"window {s.SampleWindow}" : "whole-path samples")}");

    /// <summary>Target tokens of the words the vocabulary can spell, with each kept word's first and last token index.</summary>
    private static (int[] Target, int[] First, int[] Last, List<ManifestWord> Kept) Tokenize(List<ManifestWord> words, Vocabulary vocabulary)
    {
        var target = new List<int>();
        var (first, last, kept) = (new List<int>(), new List<int>(), new List<ManifestWord>());
        foreach (var w in words)
        {
            var spelled = vocabulary.IsUpperCase ? w.Word.ToUpperInvariant() : w.Word.ToLowerInvariant();
            var ids = spelled.Select(c => vocabulary.TryGetIndex(c.ToString(), out var i) ? i : -1).Where(i => i >= 0).ToArray();
            if (ids.Length == 0)
                continue;
            if (target.Count > 0 && vocabulary.WordDelimiterIndex is { } delimiter)
                target.Add(delimiter);
            first.Add(target.Count);
            target.AddRange(ids);
            last.Add(target.Count - 1);
            kept.Add(w);
        }
        return (target.ToArray(), first.ToArray(), last.ToArray(), kept);
    }

    /// <summary>Reads the .npy and its .json; rows are log-softmaxed (a no-op for log-probabilities).</summary>
    private static (EmissionMatrix, Vocabulary) Load(string npy, string json)
    {
        var (values, rows, columns) = NpyReader.Read(npy);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var tokens = root.GetProperty("vocabulary").EnumerateArray().Select(t => t.GetString() ?? "").ToArray();
        if (tokens.Length != columns)
            throw new FormatException($"{json} lists {tokens.Length} tokens; {npy} has {columns} columns.");
        var blankElement = root.GetProperty("blank");
        var blank = blankElement.ValueKind == JsonValueKind.Number ? blankElement.GetInt32() : Array.IndexOf(tokens, blankElement.GetString());
        int? delimiter = root.TryGetProperty("word_delimiter", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null;
        delimiter ??= Vocabulary.FromTokens(tokens, tokens[blank]).WordDelimiterIndex;
        var vocabulary = new Vocabulary(tokens, blank, delimiter);
        for (var t = 0; t < rows; t++)
        {
            var row = values.AsSpan(t * columns, columns);
            var max = float.NegativeInfinity;
            foreach (var v in row)
                max = Math.Max(max, v);
            var sum = 0.0;
            foreach (var v in row)
                sum += Math.Exp(v - max);
            var norm = (float)(max + Math.Log(sum));
            for (var v = 0; v < columns; v++)
                row[v] -= norm;
        }
        return (new EmissionMatrix(values, rows, columns, root.GetProperty("frame_seconds").GetDouble()), vocabulary);
    }
}
