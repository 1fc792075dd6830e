namespace CtcAlign.Formats;

/// <summary>The members of the TTML family a document is written as.</summary>
public enum TtmlFlavour
{
    /// <summary>TTML1 in the W3C namespace; written from other captions as the IMSC1 text profile.</summary>
    Imsc,

    /// <summary>DFXP: the TTML candidate recommendation's namespace (<c>http://www.w3.org/2006/10/ttaf1</c>), as older players read it.</summary>
    Dfxp,

    /// <summary>EBU-TT-D (EBU Tech 3380): TTML1 with <c>tt:</c> prefixes, media-time clock times, text in spans, styles by reference.</summary>
    EbuTtD,
}
