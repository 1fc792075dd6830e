using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Cli;

/// <summary>A temp folder with synthesised 16 kHz WAV media and captions, and a way to run the CLI with a fake aligner.</summary>
public sealed class CliFixture : IDisposable
{
    public TempFolder Dir { get; } = new();

    public List<FakeMediaAligner> Aligners { get; } = [];

    public Action<FakeMediaAligner>? ConfigureAligner { get; set; }

    public string Db => Dir.File("ctcalign.db");

    public string Out { get; private set; } = "";

    public string Err { get; private set; } = "";

    /// <summary>Writes <paramref name="name"/>.wav (ramp audio) and <paramref name="name"/>.srt with the given lines, 1 s each.</summary>
    public (string Wav, string Srt) Media(string name, double seconds, params string[] lines)
    {
        var wav = TestAudio.WriteWav(Dir.File(name + ".wav"), TestAudio.Ramp((int)(seconds * 16_000)));
        var srt = string.Concat(lines.Select((l, i) =>
            $"{i + 1}\n{CaptionTimestamp.FormatSrt(i)} --> {CaptionTimestamp.FormatSrt(i + 1)}\n{l}\n\n"));
        return (wav, Dir.Write(name + ".srt", srt));
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var services = new CliServices(settings =>
        {
            var aligner = new FakeMediaAligner(settings);
            ConfigureAligner?.Invoke(aligner);
            Aligners.Add(aligner);
            return aligner;
        }, new WavClipSource());
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(outWriter, errWriter, false), services, cancellationToken);
        Out = outWriter.ToString();
        Err = errWriter.ToString();
        return code;
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public void Dispose() => Dir.Dispose();
}
