namespace CtcAlign.Formats;

/// <summary>
/// Where corpus exports get their audio: 16 kHz mono float samples of a media file. Implementations decode
/// whatever the media is (see <see cref="WavClipSource"/> for 16 kHz mono WAV). <see cref="CorpusExporter"/>
/// asks for the clips of one media after another, in caption order, so a decoding source may keep the
/// current media's samples between calls.
/// </summary>
public interface IClipSource
{
    /// <summary>The sample rate of every clip: 16 kHz.</summary>
    public const int SampleRate = 16_000;

    /// <summary>
    /// Returns exactly <paramref name="sampleCount"/> samples starting at sample <paramref name="startSample"/>
    /// (16 kHz, mono, [-1, 1]); where the media is shorter the rest is silence (zeros).
    /// </summary>
    float[] ReadClip(string audioPath, long startSample, int sampleCount);
}
