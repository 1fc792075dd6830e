using CtcAlign.Storage;

namespace CtcAlign.Cli.Verbs;

/// <summary>The stored media a reading verb (export, inspect, review) works on: all of them, or the one --media names.</summary>
internal static class StoredMediaSelection
{
    /// <summary><paramref name="media"/> as read from <paramref name="store"/>; a one-line error when it is empty.</summary>
    public static IReadOnlyList<T> NotEmpty<T>(IReadOnlyList<T> media, SegmentStore store, string? mediaId)
    {
        if (media.Count == 0)
            throw new CtcAlignException(mediaId is null
                ? $"{store.Path}: no media stored yet"
                : $"{store.Path}: no media with id '{mediaId}'");
        return media;
    }
}
