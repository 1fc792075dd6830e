using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Audio;
using CtcAlign.Formats;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Pipeline;

/// <summary>The pipeline with the real <see cref="CaptionEmissionAligner"/> against the sequential path, on audio a fake model can hear.</summary>
public sealed class RealAlignerEqualityTests : IDisposable
{
    private static readonly EmissionOptions Small = new(WindowSeconds: 2, ContextSeconds: 0.2, BatchSize: 3);

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private MediaJob Job(string id, string[] spoken, string[] captions)
    {
        var path = TestAudio.WriteWav(_dir.File(id + ".wav"), SpellingFrameModel.Speak(spoken));
        return new MediaJob(id, path, captions.Select((t, i) => new CaptionLine(i, t, null, null)).ToList());
    }

    [Theory]
    [InlineData("ipfa")]
    [InlineData("global")]
    public async Task Three_files_in_flight_give_what_the_sequential_path_gives(string kind)
    {
        string[] a = ["good evening and welcome", "here is the news at six", "the weather stays fine all week", "goodbye from all of us"];
        string[] b = ["one more line of speech", "and the last one"];
        var jobs = new[]
        {
            Job("a", a, a),
            Job("b", b, ["one more line of speech", "a caption nobody ever said here", "and the last one"]),
            Job("c", [.. a, .. b], [.. a, .. b]),
        };
        var settings = new AlignerSettings { Aligner = kind == "ipfa" ? AlignerKind.Ipfa : AlignerKind.Global };
        var aligner = new CaptionEmissionAligner(SpellingFrameModel.Vocabulary, settings);
        var computer = new EmissionComputer(new SpellingFrameModel(), SpellingFrameModel.Description, Small);

        var expected = new List<string>();
        foreach (var job in jobs)
        {
            using var audio = MediaDecoder.Open(job.AudioPath, 16000);
            var alignment = await aligner.AlignAsync(job, computer.ComputeBlocksAsync(audio), audio.DurationSeconds, CancellationToken.None);
            expected.Add(JsonSerializer.Serialize(alignment));
        }

        using var pipeline = new ChannelMediaAligner(new SpellingFrameModel(), computer.Layout, aligner);
        var results = await Task.WhenAll(jobs.Select(j => pipeline.AlignAsync(j, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(expected, results.Select(r => JsonSerializer.Serialize(r)));
        // The case is not trivial: the spoken lines were found.
        Assert.True(results[0].Segments.Count(s => s.Status == SegmentStatus.Aligned) >= 3,
            string.Join("; ", results[0].Segments.Select(s => $"{s.Status} {s.Rho:0.00} {s.StatusReason}")));
    }
}
