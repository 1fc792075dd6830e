using System.Text;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class AlignmentJsonReaderTests
{
    private static IReadOnlyList<CtcAlign.Alignment.MediaAlignment> Parse(string json) =>
        AlignmentJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "a.json");

    [Theory]
    [InlineData("{\"media\": [", "a.json: not valid JSON (line 1): ")]
    [InlineData("{\"items\": []}", "a.json: not an alignment JSON: missing \"media\"")]
    [InlineData("{\"media\": [{\"id\":\"x\",\"audio\":\"a\",\"duration\":\"long\",\"segments\":[]}]}", "a.json: not an alignment JSON: ")]
    [InlineData("{\"media\": [{\"id\":\"x\",\"audio\":\"a\",\"duration\":1,\"segments\":[{\"index\":0,\"text\":\"t\",\"start\":0,\"end\":1,\"confidence\":-1,\"status\":\"great\",\"words\":[]}]}]}",
        "a.json: unknown segment status 'great'")]
    public void Malformed_documents_are_format_errors(string json, string messageStart)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => Parse(json));
        Assert.StartsWith(messageStart, ex.Message);
    }
}
