namespace CtcAlign.Decoding;

/// <summary>
/// Produces the CTC emissions of a media file: decode, resample, run the acoustic model. The seam between decoding
/// and the audio/model code, so decoders and the transcribe command can be tested with a fake.
/// </summary>
public interface IEmissionSource
{
    /// <summary>Emissions of the whole file. Throws a CtcAlignException subclass for unreadable media or a bad model.</summary>
    Task<MediaEmissions> ComputeAsync(string mediaPath, CancellationToken cancellationToken);
}
