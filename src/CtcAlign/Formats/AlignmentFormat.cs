namespace CtcAlign.Formats;

/// <summary>File formats an alignment can be written to.</summary>
public enum AlignmentFormat
{
    /// <summary>Re-timed SubRip captions (one file per media).</summary>
    Srt,

    /// <summary>Re-timed WebVTT captions (one file per media).</summary>
    Vtt,

    /// <summary>Segments and words of every media in one JSON document.</summary>
    Json,

    /// <summary>Word-level CTM, every media in one file.</summary>
    Ctm,

    /// <summary>Praat TextGrid with a segment and a word tier (one file per media).</summary>
    TextGrid,

    /// <summary>Re-timed YouTube SubViewer captions (one file per media).</summary>
    Sbv,

    /// <summary>Re-timed Advanced SubStation Alpha script (one file per media).</summary>
    Ass,

    /// <summary>Re-timed Scenarist SCC, CEA-608 pop-on captions (one file per media).</summary>
    Scc,

    /// <summary>Re-timed EBU STL, binary (one file per media).</summary>
    Stl,

    /// <summary>Re-timed TTML: a TTML/DFXP/EBU-TT-D document kept as it was, other captions as IMSC1 text profile (.ttml).</summary>
    Ttml,

    /// <summary>Re-timed DFXP (TTML in the 2006 ttaf1 namespace, .dfxp): a DFXP document kept, other captions as a new DFXP document.</summary>
    Dfxp,

    /// <summary>Re-timed EBU-TT-D (EBU Tech 3380, .ebuttd.xml): an EBU-TT-D document kept, other captions as a new one.</summary>
    EbuTtD,
}
