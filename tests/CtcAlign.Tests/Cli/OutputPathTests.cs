using CtcAlign.Cli;
using CtcAlign.Formats;
using CtcAlign.Tests.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cli;

/// <summary>--out of align, export and emissions: "-" is stdout, links are written through, bad places fail first.</summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] Lines = ["Good evening.", "Here is the news."];

    [Fact]
    public async Task Align_out_dash_writes_the_file_alone_to_stdout_and_the_summary_to_stderr()
    {
        var (wav, srt) = _cli.Media("news", 2, Lines);
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", "-", "--format", "srt"));
        Assert.Equal("1\n00:00:00,000 --> 00:00:01,000\nGood evening.\n\n2\n00:00:01,000 --> 00:00:02,000\nHere is the news.\n\n", _cli.Out);
        Assert.Contains("1 file(s): 1 aligned", _cli.Err);
        Assert.Contains("stored in ", _cli.Err);
    }

    [Fact]
    public async Task Align_and_export_write_through_a_link()
    {
        var (wav, srt) = _cli.Media("news", 2, Lines);
        var target = _cli.Dir.Write("kept.srt", "old");
        var link = _cli.Dir.File("news.aligned.srt");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", link));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.StartsWith("1\n00:00:00,000 --> 00:00:01,000\nGood evening.", File.ReadAllText(target));

        var jsonTarget = _cli.Dir.Write("all.json", "old");
        var jsonLink = _cli.Dir.File("link.json");
        File.CreateSymbolicLink(jsonLink, "all.json");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", jsonLink));
        Assert.Equal("all.json", new FileInfo(jsonLink).LinkTarget);
        Assert.Equal("news", Assert.Single(AlignmentJsonReader.Read(jsonTarget)).Id);
        Assert.Equal($"exported 2 lines of 1 media to {jsonLink}\n", _cli.Out);
    }

    [Fact]
    public async Task Export_out_dash_and_dev_stdout_go_to_stdout()
    {
        var (wav, srt) = _cli.Media("news", 2, Lines);
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));

        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "ctm", "--out", "/dev/stdout"));
        Assert.StartsWith("news 1 0.000 0.500 Good ", _cli.Out);
        Assert.Equal("exported 2 lines of 1 media to standard output\n", _cli.Err);
        Assert.False(File.Exists(_cli.Dir.File("stdout")));

        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", "-"));
        var json = _cli.Dir.Write("from-stdout.json", _cli.Out);
        Assert.Equal(Lines, Assert.Single(AlignmentJsonReader.Read(json)).Segments.Select(s => s.Text));

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", "-"));
        Assert.Equal("ctcalign: --out -: corpus exports need a folder, not standard output\n", _cli.Err);
    }

    [Fact]
    public async Task Align_checks_out_before_aligning_and_creates_no_database()
    {
        var (wav, srt) = _cli.Media("news", 2, Lines);
        var unwritable = OperatingSystem.IsLinux() ? "/proc/nope.srt" : _cli.Dir.File("no/such/dir/x.srt");

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", unwritable));
        Assert.StartsWith($"ctcalign: cannot write {unwritable}: ", _cli.Err);
        Assert.Empty(_cli.Aligners); // nothing aligned
        Assert.False(File.Exists(_cli.Db));

        var (wav2, srt2) = _cli.Media("weather", 2, Lines);
        var manifest = _cli.Dir.Write("batch.jsonl",
            $"{{\"id\": \"news\", \"audio\": \"{wav}\", \"captions\": \"{srt}\"}}\n{{\"id\": \"weather\", \"audio\": \"{wav2}\", \"captions\": \"{srt2}\"}}\n");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", "--manifest", manifest, "--db", _cli.Db, "--out", "-", "--format", "srt"));
        Assert.Equal("ctcalign: - (standard output) holds one media in srt; give a folder for 2 media\n", _cli.Err);
        Assert.Empty(_cli.Aligners);
    }

    [Fact]
    public async Task A_manifest_with_one_file_left_still_writes_into_the_folder()
    {
        var (wav, srt) = _cli.Media("news", 2, Lines);
        var manifest = _cli.Dir.Write("batch.jsonl",
            $"{{\"id\": \"news\", \"audio\": \"{wav}\", \"captions\": \"{srt}\"}}\n{{\"id\": \"gone\", \"audio\": \"{_cli.Dir.File("absent.wav")}\", \"captions\": \"{srt}\"}}\n");
        var folder = _cli.Dir.File("out");
        Assert.Equal(ExitCodes.PartialFailure, await _cli.RunAsync("align", "--manifest", manifest, "--db", _cli.Db, "--out", folder, "--format", "vtt"));
        Assert.True(File.Exists(Path.Combine(folder, "news.vtt")));
    }
}

/// <summary>`emissions --out`: only .npy names, "-" for stdout (pipes included), links written through.</summary>
public sealed class EmissionsOutputPathTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(Stream? stdout, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(o, e, false) { OpenBinaryOut = stdout is null ? null : () => stdout });
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task A_name_that_is_not_npy_is_refused_before_any_work()
    {
        var wav = _media.WriteWav("talk.wav", TestAudioSource.Noise(16000), 16000, 1, 16);
        var txt = _media.PathOf("x.txt");
        var (code, _, err) = await Run(null, "emissions", wav, "--out", txt, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal($"ctcalign: --out {txt}: emissions are a NumPy .npy file (float32 [frames, vocabulary]) with a .json beside it; name it {_media.PathOf("x.npy")} (or - for stdout)\n", err);
        Assert.False(File.Exists(txt));
    }

    [Fact]
    public async Task Out_dash_streams_a_complete_npy_to_a_pipe_like_stdout()
    {
        var wav = _media.WriteWav("talk.wav", TestAudioSource.Noise(3 * 16000), 16000, 1, 16);
        var pipe = new UnseekableStream();
        var (code, stdout, err) = await Run(pipe, "emissions", wav, "--out", "-", "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu");
        Assert.True(code == 0, err);
        Assert.Equal("", stdout);
        Assert.Contains("wrote [150, 5] to standard output", err);
        var bytes = pipe.Written.ToArray();
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Contains("'shape': (150, 5)", System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength));
        Assert.Equal(10 + headerLength + 150 * 5 * 4, bytes.Length);
        Assert.False(File.Exists(_media.PathOf("talk.json")));
    }

    [Fact]
    public async Task A_link_is_written_through()
    {
        var wav = _media.WriteWav("talk.wav", TestAudioSource.Noise(16000), 16000, 1, 16);
        var target = _media.PathOf("store.npy");
        File.WriteAllText(target, "old");
        var link = _media.PathOf("talk.npy");
        File.CreateSymbolicLink(link, "store.npy");
        var (code, _, err) = await Run(null, "emissions", wav, "--out", link, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu");
        Assert.True(code == 0, err);
        Assert.Equal("store.npy", new FileInfo(link).LinkTarget);
        Assert.Equal(0x93, File.ReadAllBytes(target)[0]);
        Assert.True(File.Exists(_media.PathOf("talk.json")));
    }

    private sealed class UnseekableStream : Stream
    {
        public MemoryStream Written { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
