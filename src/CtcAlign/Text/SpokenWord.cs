namespace CtcAlign.Text;

/// <summary>
/// One word as the model hears it, spelled as its tokens spell it ("nineteen"; "cafe" for "café" when the model has no
/// "é"), from caption word <see cref="CaptionWordIndex"/> ("1995"),
/// spelled by tokens <c>[TokenStart, TokenEnd)</c> of <see cref="NormalizedText.TokenIds"/>.
/// </summary>
public sealed record SpokenWord(string Text, int CaptionWordIndex, int TokenStart, int TokenEnd);
