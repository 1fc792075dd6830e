namespace CtcAlign.Pipeline;

/// <summary>Creates the aligner an align run uses, from its settings; called once per run, and only when some file needs aligning.</summary>
public delegate IMediaAligner MediaAlignerFactory(AlignerSettings settings);
