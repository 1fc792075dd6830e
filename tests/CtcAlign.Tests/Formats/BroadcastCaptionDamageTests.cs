using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>Damaged SCC and STL files, made by changing bytes of the hand-built fixtures at random (seeded): read, or refused with one line; nothing else escapes.</summary>
public sealed class BroadcastCaptionDamageTests
{
    private static void ReadOrRefused(Func<CaptionDocument> read)
    {
        try
        {
            var document = read();
            Assert.NotEmpty(document.Lines);
        }
        catch (CaptionFormatException ex)
        {
            Assert.DoesNotContain("\n", ex.Message);
        }
    }

    [Fact]
    public void Stl_with_bytes_changed_at_random_is_read_or_refused_with_one_line()
    {
        var random = new Random(20);
        var good = StlRoundTripTests.Fixture();
        for (var run = 0; run < 3000; run++)
        {
            var bytes = (byte[])good.Clone();
            for (var k = random.Next(1, 6); k > 0; k--)
                bytes[random.Next(run % 2 == 0 ? 1024 : 0, bytes.Length)] = (byte)random.Next(256);
            if (run % 7 == 0)
                bytes = bytes[..random.Next(bytes.Length)];
            ReadOrRefused(() => StlReader.Parse(bytes, "fuzz.stl"));
        }
    }

    [Fact]
    public void Scc_with_pairs_changed_at_random_is_read_or_refused_with_one_line()
    {
        var random = new Random(20);
        var lines = SccRoundTripTests.Fixture.Split('\n');
        for (var run = 0; run < 2000; run++)
        {
            var damaged = lines.Select(l =>
            {
                if (!l.Contains('\t') || random.Next(3) > 0)
                    return l;
                var words = l.Split(' ');
                var k = random.Next(1, words.Length);
                // a pair with odd parity (or, now and then, any four hex digits)
                var first = random.Next(128);
                var second = random.Next(128);
                words[k] = random.Next(10) == 0 ? random.Next(65536).ToString("x4") : Cea608.Hex((byte)first, (byte)second);
                return string.Join(' ', words);
            });
            ReadOrRefused(() => SccReader.ParseDocument(string.Join('\n', damaged), "fuzz.scc"));
        }
    }
}
