using CtcAlign.Acoustic;

namespace CtcAlign.Pipeline;

/// <summary>
/// A message to the shared inference stage: a window of a file, or (<see cref="Window"/> null) the end of that
/// file's windows with the decoder's outcome (<see cref="Error"/> null: the audio ended normally).
/// </summary>
internal sealed record InferenceRequest(FileInFlight File, AudioWindow? Window, Exception? Error = null);
