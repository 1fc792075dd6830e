using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Pipeline;

/// <summary>A test that needs the default model (models/default, or CTCALIGN_MODEL); skipped, saying so, when there is none.</summary>
public sealed class DefaultModelFactAttribute : FactAttribute
{
    public DefaultModelFactAttribute()
    {
        if (DefaultModelLocator.FindDefault() is null)
            Skip = $"no default model ({DefaultModelLocator.RelativePath} or ${DefaultModelLocator.EnvironmentVariable})";
    }
}

/// <summary>The quick-start sample with the default model, checked against the composer's truth.</summary>
public sealed class DefaultModelSampleTests
{
    [DefaultModelFact]
    public async Task The_quick_start_sample_is_aligned_within_half_a_second_and_no_unspoken_caption_is_accepted()
    {
        var root = TestMedia.RepositoryRoot();
        var wav = Path.Combine(root, "audio-samples", "sample.wav");
        var captions = CaptionReader.Read(Path.Combine(root, "audio-samples", "sample.srt"));
        using var aligner = SequentialMediaAligner.Load(new AlignerSettings(Device: "cpu"));
        var result = await aligner.AlignAsync(new MediaJob("sample", wav, captions), CancellationToken.None);

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "audio-samples", "sample.truth.json")));
        int spoken = 0, within = 0;
        foreach (var line in truth.RootElement.GetProperty("lines").EnumerateArray())
        {
            if (line.GetProperty("caption_index").ValueKind == JsonValueKind.Null)
                continue;
            var segment = result.Segments[line.GetProperty("caption_index").GetInt32()];
            if (!line.GetProperty("spoken").GetBoolean())
            {
                Assert.True(segment.Status != SegmentStatus.Aligned, $"never-spoken line {segment.Index} \"{segment.Text}\" was accepted (rho {segment.Rho:0.00})");
                continue;
            }
            spoken++;
            if (segment.Start is { } s && segment.End is { } e
                && Math.Abs(s - line.GetProperty("start").GetDouble()) <= 0.5 && Math.Abs(e - line.GetProperty("end").GetDouble()) <= 0.5)
                within++;
        }
        Assert.True(within >= 0.85 * spoken, $"{within} of {spoken} spoken lines within 0.5 s");
    }
}
