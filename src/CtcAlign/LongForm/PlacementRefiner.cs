using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Work done once per accepted chunk while its emissions are still held (re-ranking its word times, measuring its
/// caption WER): called in order for every chunk of an accepted window (and of the global alignment), never for
/// attempts that were discarded. <paramref name="window"/> holds the chunk's frames; <paramref name="notBeforeSeconds"/>
/// is where the previous chunk's last word ends (or the window's start): words must not move before it.
/// Returns the placement to keep (the same one when nothing changed).
/// </summary>
public delegate ChunkPlacement PlacementRefiner(EmissionMatrix window, TextChunk chunk, ChunkPlacement placement, double notBeforeSeconds);
