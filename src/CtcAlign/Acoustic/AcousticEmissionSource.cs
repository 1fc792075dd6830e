using CtcAlign.Decoding;

namespace CtcAlign.Acoustic;

/// <summary>Emissions of whole media files from an ONNX acoustic model package (the real <see cref="IEmissionSource"/>).</summary>
public sealed class AcousticEmissionSource(string? modelDirectory, AcousticModelOptions? options = null) : IEmissionSource
{
    public Task<MediaEmissions> ComputeAsync(string mediaPath, CancellationToken cancellationToken)
    {
        using var model = AcousticModel.Load(DefaultModelLocator.Resolve(modelDirectory), options);
        var emissions = model.ComputeEmissions(mediaPath, cancellationToken);
        return Task.FromResult(new MediaEmissions(emissions, model.Description.Vocabulary, model.DeviceNote, model.CudaFailure));
    }
}
