using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>An in-memory clip source: every media is the <see cref="TestAudio.Ramp"/> of a given length; it records each request.</summary>
public sealed class FakeClipSource(int samplesPerMedia) : IClipSource
{
    public List<(string Path, long Start, int Count)> Requests { get; } = [];

    public float[] ReadClip(string audioPath, long startSample, int sampleCount)
    {
        Requests.Add((audioPath, startSample, sampleCount));
        var ramp = TestAudio.Ramp(samplesPerMedia);
        var clip = new float[sampleCount];
        for (var i = 0; i < sampleCount && startSample + i < ramp.Length; i++)
            clip[i] = ramp[startSample + i];
        return clip;
    }
}
