using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class MediaManifestReaderTests
{
    [Fact]
    public void Resolves_relative_paths_against_the_manifest_folder()
    {
        var entries = MediaManifestReader.Parse(
            "{\"id\":\"a\",\"audio\":\"media/a.wav\",\"captions\":\"subs/a.srt\"}\r\n\r\n{\"id\":\"b\",\"audio\":\"/abs/b.mp4\",\"text\":\"Hello\\nthere\"}\n",
            "m.jsonl", "/data/batch");
        Assert.Equal(
            [new MediaManifestEntry("a", "/data/batch/media/a.wav", "/data/batch/subs/a.srt", null, 1),
             new MediaManifestEntry("b", "/abs/b.mp4", null, "Hello\nthere", 3)],
            entries);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"audio\":\"a.wav\",\"text\":\"x\"}\nnot json\n", "m.jsonl:2: not a JSON object")]
    [InlineData("[1,2]\n", "m.jsonl:1: not a JSON object")]
    [InlineData("{\"audio\":\"a.wav\",\"text\":\"x\"}\n", "m.jsonl:1: missing \"id\"")]
    [InlineData("{\"id\":\"a\",\"text\":\"x\"}\n", "m.jsonl:1: missing \"audio\"")]
    [InlineData("{\"id\":\"a\",\"audio\":\"a.wav\"}\n", "m.jsonl:1: give exactly one of \"captions\" (a file) or \"text\"")]
    [InlineData("{\"id\":\"a\",\"audio\":\"a.wav\",\"captions\":\"a.srt\",\"text\":\"x\"}\n", "m.jsonl:1: give exactly one of \"captions\" (a file) or \"text\"")]
    [InlineData("{\"id\":3,\"audio\":\"a.wav\",\"text\":\"x\"}\n", "m.jsonl:1: \"id\" must be a string")]
    [InlineData("{\"id\":\"a\",\"audio\":\"a.wav\",\"text\":\"x\"}\n{\"id\":\"a\",\"audio\":\"b.wav\",\"text\":\"y\"}\n", "m.jsonl:2: id 'a' appears twice")]
    [InlineData("\n\n", "m.jsonl: manifest has no entries")]
    public void Malformed_lines_name_the_line(string text, string message)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => MediaManifestReader.Parse(text, "m.jsonl", "/data"));
        Assert.Equal(message, ex.Message);
    }
}
