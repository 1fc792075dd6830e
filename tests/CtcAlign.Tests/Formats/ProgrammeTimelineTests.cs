using CtcAlign.Alignment;
using CtcAlign.Audio;
using CtcAlign.Formats;
using CtcAlign.Storage;

namespace CtcAlign.Tests.Formats;

public sealed class ProgrammeTimelineTests
{
    [Theory]
    [InlineData("10:00:00", null, 36_000.0)]
    [InlineData("01:00:02.5", null, 3602.5)]
    [InlineData("09:59:59:12", 25.0, 35_999.48)]
    [InlineData("00:00:01;15", 29.97, 1.5005005)]
    [InlineData("12.25", null, 12.25)]
    public void Timecodes_are_read_to_seconds(string text, double? fps, double seconds)
    {
        Assert.Equal(seconds, ProgrammeTimeline.ParseTimecode(text, fps, out var problem)!.Value, 3);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("00:00:01:12", null, "--fps")]
    [InlineData("00:00:01:25", 25.0, "frame 25 does not exist")]
    [InlineData("10h", null, "not a timecode")]
    public void Bad_timecodes_say_why(string text, double? fps, string why)
    {
        Assert.Null(ProgrammeTimeline.ParseTimecode(text, fps, out var problem));
        Assert.Contains(why, problem);
    }

    private static List<CaptionLine> Lines(params double[] starts) => starts.Select((s, i) => new CaptionLine(i, "x", s, s + 1)).ToList();

    [Fact]
    public void A_caption_base_is_found_only_when_the_captions_cannot_be_on_the_audios_timeline()
    {
        Assert.Equal(36_000, ProgrammeTimeline.DetectCaptionBase(Lines(36_003, 36_050, 36_080), 90));
        Assert.Equal(3600, ProgrammeTimeline.DetectCaptionBase(Lines(3605, 3700), 120));
        Assert.Equal(0, ProgrammeTimeline.DetectCaptionBase(Lines(3, 50, 80), 90)); // on the audio's timeline
        Assert.Equal(0, ProgrammeTimeline.DetectCaptionBase(Lines(36_003, 36_050), 11 * 3600)); // an 11 h recording: 10 h is inside it
        Assert.Equal(0, ProgrammeTimeline.DetectCaptionBase(Lines(36_003, 39_500), 90)); // less the hour they still do not fit: left alone
        Assert.Equal(0, ProgrammeTimeline.DetectCaptionBase([new CaptionLine(0, "plain text")], 90));
    }

    [Fact]
    public void The_audio_streams_start_is_taken_relative_to_the_earliest_stream()
    {
        const string ts = """
            {"programs":[],"streams":[{"index":0,"codec_type":"video","start_time":"1.400000"},{"index":1,"codec_type":"audio","channels":2,"start_time":"1.836000"}],
             "format":{"start_time":"1.400000","duration":"7.800000"}}
            """;
        var probe = MediaProbe.FromJson(ts);
        Assert.Equal(0.436, probe.AudioStartSeconds!.Value, 6);
        Assert.Equal(2, probe.Channels);
        Assert.Equal(7.8, probe.DurationSeconds!.Value, 6);
        Assert.Equal(0, probe.VideoStartSeconds);
        // audio first, the picture 64 ms later (the 3-hour TS): media time keeps the audio at 0, video time puts it at -0.064
        var late = MediaProbe.FromJson("""
            {"streams":[{"index":0,"codec_type":"video","start_time":"1.464000"},{"index":1,"codec_type":"audio","start_time":"1.400000"}],"format":{"start_time":"1.400000"}}
            """);
        Assert.Equal((0.0, 0.064), (late.AudioStartSeconds!.Value, late.VideoStartSeconds!.Value));
        var wav = MediaProbe.FromJson("""{"streams":[{"index":0,"codec_type":"audio","channels":1}],"format":{"duration":"90.000000"}}""");
        Assert.Null(wav.AudioStartSeconds);
        Assert.Equal(MediaProbe.Unknown, MediaProbe.FromJson("not json"));
    }

    [Fact]
    public void Output_moves_every_time_by_the_offset()
    {
        var word = new AlignedWord("well-known", 1.0, 1.5, 0.9, [new AlignedWordPart("well", 1.0, 1.2), new AlignedWordPart("known", 1.2, 1.5)]);
        var media = new MediaAlignment("m", "m.ts", 10,
            [new AlignedSegment(0, "well-known", "well known", 1.0, 1.5, -0.5, SegmentStatus.Aligned, [word]) { HintStart = 0.9, HintEnd = 1.6 }])
        {
            TimelineOffsetSeconds = 36_000.5,
        };
        var moved = media.OnOutputTimeline();
        var s = moved.Segments[0];
        Assert.Equal((36_001.5, 36_002.0, 36_001.4, 36_002.1), (s.Start!.Value, s.End!.Value, s.HintStart!.Value, s.HintEnd!.Value));
        Assert.Equal(36_001.7, s.Words[0].Parts![1].Start, 9);
        Assert.Equal(0, moved.TimelineOffsetSeconds);
        Assert.Equal(36_010.5, moved.AudioEndSeconds);
        Assert.Same(moved, moved.OnOutputTimeline());
    }

    [Fact]
    public void The_store_keeps_the_offset_and_a_rerun_can_change_it()
    {
        using var dir = new TempFolder();
        using var store = SegmentStore.Open(dir.File("t.db"));
        var run = store.GetOrAddRun("m", "{}", "1");
        store.SaveMedia(run, new MediaAlignment("a", "a.ts", 5, []) { TimelineOffsetSeconds = 0.436 }, "h");
        Assert.Equal(0.436, store.LoadAlignment("a")!.TimelineOffsetSeconds);
        store.SetTimelineOffset("a", 0);
        Assert.Equal(0, store.LoadAlignment("a")!.TimelineOffsetSeconds);
    }
}
