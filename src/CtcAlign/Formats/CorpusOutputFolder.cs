namespace CtcAlign.Formats;

/// <summary>
/// The folder a corpus export writes to. An export into a folder holding an earlier one would mix old clips with
/// the new manifest, so a non-empty folder is refused unless the caller asks to overwrite; overwriting removes
/// exactly what a corpus export of any layout writes (the metadata files of nemo, kaldi, hf and lhotse, and
/// <c>clips/*.wav</c>) and refuses a folder that holds anything else, which is then not an export's folder.
/// </summary>
public static class CorpusOutputFolder
{
    /// <summary>The metadata files of every layout; Kaldi's <c>utt2&lt;score&gt;</c> tables besides.</summary>
    public static IReadOnlyList<string> MetadataFiles { get; } =
    [
        NemoManifestWriter.FileName, AudioFolderMetadataWriter.FileName, LhotseManifestWriter.RecordingsFileName,
        LhotseManifestWriter.SupervisionsFileName, "wav.scp", "segments", "text", "utt2spk", "spk2utt",
    ];

    /// <summary>
    /// Makes <paramref name="outDir"/> ready for an export: nothing to do when it is missing or empty; else, with
    /// <paramref name="overwrite"/>, deletes the files an export writes and returns how many. Throws a
    /// <see cref="CtcAlignException"/> when the folder is not empty and overwrite is off, or when it holds
    /// something no export writes (named in the message; nothing is deleted then).
    /// </summary>
    public static int Prepare(string outDir, bool overwrite)
    {
        if (!Directory.Exists(outDir) || !Directory.EnumerateFileSystemEntries(outDir).Any())
            return 0;
        var exportFiles = new List<string>();
        string? foreign = null;
        foreach (var entry in Directory.EnumerateFileSystemEntries(outDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name == CorpusExporter.ClipFolder && Directory.Exists(entry) && !IsLink(entry))
            {
                foreach (var clip in Directory.EnumerateFileSystemEntries(entry).Order(StringComparer.Ordinal))
                {
                    if (File.Exists(clip) && clip.EndsWith(".wav", StringComparison.Ordinal))
                        exportFiles.Add(clip);
                    else
                        foreign ??= Path.Combine(CorpusExporter.ClipFolder, Path.GetFileName(clip));
                }
            }
            else if (File.Exists(entry) && (MetadataFiles.Contains(name) || name.StartsWith("utt2", StringComparison.Ordinal)))
                exportFiles.Add(entry);
            else
                foreign ??= name;
        }
        if (!overwrite)
            throw new CtcAlignException($"--out {outDir} is not empty: an export there would mix with what it holds; "
                + "give an empty or new folder, or --overwrite to replace an earlier export");
        if (foreign is not null)
            throw new CtcAlignException($"--out {outDir} holds {foreign}, which no corpus export writes: not overwritten (give an empty or new folder)");
        foreach (var file in exportFiles)
            File.Delete(file);
        return exportFiles.Count;
    }

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;
}
