using CtcAlign.Acoustic;
using CtcAlign.Tests.Acoustic;

namespace CtcAlign.Tests.Pipeline;

/// <summary>
/// <see cref="FakeConvModel"/> (frames depend on the window's samples and context) with hooks: <see cref="BeforeCall"/>
/// runs before call k (tests hold the first call back or throw at a chosen call). Records every call's inputs.
/// </summary>
internal sealed class ScriptedFrameModel : IFrameModel
{
    private readonly FakeConvModel _inner = new();

    public int VocabularySize => _inner.VocabularySize;

    public Action<int>? BeforeCall { get; set; }

    public List<(int Windows, int WindowSamples)> Calls => _inner.Calls;

    public List<float[]> Inputs => _inner.Inputs;

    public int WindowsRun => _inner.Calls.Sum(c => c.Windows);

    public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
    {
        BeforeCall?.Invoke(_inner.Calls.Count);
        return _inner.Run(samples, windows, windowSamples);
    }
}
