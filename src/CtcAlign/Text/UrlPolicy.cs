namespace CtcAlign.Text;

/// <summary>What the normaliser does with web addresses and e-mail addresses.</summary>
public enum UrlPolicy
{
    /// <summary>Spell them as they are read out ("fsf.org" f s f dot org; see <see cref="TextNormalizer"/>).</summary>
    Spell,

    /// <summary>Leave them out (for captions whose addresses are shown on screen, not said).</summary>
    Drop,
}
