using CtcAlign.Audio;
using NAudio.Wave;

namespace CtcAlign.Formats;

/// <summary>
/// A <see cref="IClipSource"/> over 16 kHz mono WAV files (PCM or IEEE float), read with NAudio's
/// <see cref="WaveFileReader"/>. Other formats are an <see cref="AudioFormatException"/>; the general decoder
/// in <c>CtcAlign.Audio</c> handles those.
/// </summary>
public sealed class WavClipSource : IClipSource
{
    public float[] ReadClip(string audioPath, long startSample, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startSample);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (!File.Exists(audioPath))
            throw new AudioFormatException($"{audioPath}: audio file not found");
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(audioPath);
        }
        catch (FormatException ex)
        {
            throw new AudioFormatException($"{audioPath}: not a WAV file ({ex.Message})", ex);
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            if (format.SampleRate != IClipSource.SampleRate || format.Channels != 1)
                throw new AudioFormatException(
                    $"{audioPath}: WavClipSource needs 16 kHz mono WAV, this is {format.SampleRate} Hz with {format.Channels} channel(s)");
            var result = new float[sampleCount];
            var totalSamples = reader.Length / format.BlockAlign;
            if (startSample >= totalSamples || sampleCount == 0)
                return result;
            reader.Position = startSample * format.BlockAlign;
            var provider = reader.ToSampleProvider();
            var filled = 0;
            while (filled < sampleCount)
            {
                var read = provider.Read(result, filled, sampleCount - filled);
                if (read == 0)
                    break; // end of file: the rest stays silent
                filled += read;
            }
            return result;
        }
    }
}
