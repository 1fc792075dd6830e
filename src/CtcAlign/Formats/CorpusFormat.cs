namespace CtcAlign.Formats;

/// <summary>ASR training corpus layouts; each comes with 16 kHz mono WAV clips under <c>clips/</c> (Kaldi only when asked).</summary>
public enum CorpusFormat
{
    /// <summary>NeMo JSONL manifest (<c>manifest.jsonl</c>).</summary>
    Nemo,

    /// <summary>Kaldi data directory (wav.scp, segments, text, utt2spk, spk2utt, one utt2&lt;score&gt; per score).</summary>
    Kaldi,

    /// <summary>Hugging Face audiofolder (<c>metadata.csv</c> next to the clips).</summary>
    HuggingFace,

    /// <summary>lhotse manifests: <c>recordings.jsonl</c> and <c>supervisions.jsonl</c>.</summary>
    Lhotse,
}
