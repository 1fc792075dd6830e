using CtcAlign.Alignment;

namespace CtcAlign.Tests.Alignment;

/// <summary>Builds synthetic CTC emissions with known content: silence, music-like noise, untranscribed speech, and planted utterances.</summary>
internal sealed class PlantedEmissions(int vocabulary, int seed)
{
    public const int Blank = 0;

    private readonly Random _rng = new(seed);
    private readonly List<float[]> _rows = [];

    public int Frames => _rows.Count;

    public int[] RandomTokens(int count) => Enumerable.Range(0, count).Select(_ => 1 + _rng.Next(vocabulary - 1)).ToArray();

    public void Silence(int frames)
    {
        for (var i = 0; i < frames; i++)
            _rows.Add(Row(Blank, 0.85 + 0.14 * _rng.NextDouble()));
    }

    /// <summary>Blank-dominant but less certain frames, as a CTC model gives on music.</summary>
    public void Music(int frames)
    {
        for (var i = 0; i < frames; i++)
            _rows.Add(Row(Blank, 0.7 + 0.25 * _rng.NextDouble()));
    }

    /// <summary>Speech nobody transcribed: random tokens, one peak every 3 frames.</summary>
    public void Untranscribed(int frames)
    {
        for (var i = 0; i < frames; i++)
            _rows.Add(i % 3 == 0 ? Row(1 + _rng.Next(vocabulary - 1), 0.8) : Row(Blank, 0.8));
    }

    /// <summary>Speaks the tokens: one confident peak frame per token, then 1-3 blank frames. Returns the peak frames.</summary>
    public int[] Say(int[] tokens)
    {
        var peaks = new int[tokens.Length];
        for (var k = 0; k < tokens.Length; k++)
        {
            peaks[k] = _rows.Count;
            _rows.Add(Row(tokens[k], 0.75 + 0.24 * _rng.NextDouble()));
            var gap = 1 + _rng.Next(3);
            for (var g = 0; g < gap; g++)
                _rows.Add(Row(Blank, 0.75 + 0.24 * _rng.NextDouble()));
        }
        return peaks;
    }

    public EmissionMatrix Build(double frameSeconds = 0.02, double startSeconds = 0)
    {
        var lp = new float[_rows.Count * vocabulary];
        for (var t = 0; t < _rows.Count; t++)
            _rows[t].CopyTo(lp, t * vocabulary);
        return new EmissionMatrix(lp, _rows.Count, vocabulary, frameSeconds, startSeconds);
    }

    private float[] Row(int label, double probability)
    {
        var rest = new double[vocabulary];
        double sum = 0;
        for (var v = 0; v < vocabulary; v++)
            if (v != label)
                sum += rest[v] = 0.2 + _rng.NextDouble();
        var row = new float[vocabulary];
        for (var v = 0; v < vocabulary; v++)
            row[v] = (float)Math.Log(v == label ? probability : (1 - probability) * rest[v] / sum);
        return row;
    }
}
