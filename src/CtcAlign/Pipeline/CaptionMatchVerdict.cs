using System.Globalization;

namespace CtcAlign.Pipeline;

/// <summary>
/// What <see cref="CaptionMatchCheck"/> found: the score (nats per speech frame by which the caption text explains the
/// compared stretches worse than the model's own hearing; 0 at best), the same for its words in reverse order (same words,
/// no sense), over how many stretches, and whether the margin between them says the text is spoken there.
/// </summary>
public sealed record CaptionMatchVerdict(bool Checked, double Score, double ReorderedScore, int Stretches, double MinMargin)
{
    /// <summary>Parts of the file judged (those with speech); the scores are those of the median part (<see cref="CaptionMatchCheck.Combine"/>).</summary>
    public int Parts { get; init; } = 1;

    /// <summary>How many of <see cref="Parts"/> matched on their own.</summary>
    public int PartsMatching { get; init; }

    /// <summary>No stretch had enough speech to compare (or the check was off): nothing is known.</summary>
    public static CaptionMatchVerdict NotChecked { get; } = new(false, 0, 0, 0, 0);

    /// <summary>How much better the text scores than its words in reverse order.</summary>
    public double Margin => Score - ReorderedScore;

    public bool Matches => !Checked || Margin >= MinMargin;

    public string Describe() => Parts <= 1
        ? string.Create(CultureInfo.InvariantCulture,
            $"score {Score:0.00} against {ReorderedScore:0.00} for its words in reverse order over {Stretches} stretch(es) of speech: margin {Margin:0.00}, matching captions above {MinMargin:0.00}")
        : string.Create(CultureInfo.InvariantCulture,
            $"score {Score:0.00} against {ReorderedScore:0.00} for its words in reverse order in the median of {Parts} parts of the file ({PartsMatching} of {Parts} match; {Stretches} stretches of speech): margin {Margin:0.00}, matching captions above {MinMargin:0.00}");
}
